package io.modelway.core.api.registry;

import java.util.UUID;

/**
 * Where a version came from beyond its run and dataset version, as the registering run reports it: why the
 * run happened, the code that ran, the clean data object it read and the raw upload behind that data.
 */
public record VersionLineage(String reason, String codeVersion, String dataKey, Source source) {

    public static final VersionLineage NONE = new VersionLineage(null, null, null, null);

    /** The upload exactly as ingest received it. */
    public record Source(UUID uploadId, String key, String sha256, String contentType) {
    }
}
