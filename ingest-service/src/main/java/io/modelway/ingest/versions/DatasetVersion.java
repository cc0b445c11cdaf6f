package io.modelway.ingest.versions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A dataset version as the API shows it: counts, object keys and their SHA-256s. */
public record DatasetVersion(String dataset, int version, String status, UUID uploadId, String contentType,
        String sourceSha256, String dataSha256, long rowsReceived, long rowsClean, long rowsQuarantined,
        Map<String, Long> quarantineReasons, Map<String, ObjectRef> objects, String error, Instant createdAt,
        Instant publishedAt) {

    public static final String PENDING = "PENDING";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String FAILED = "FAILED";

    /** An object of the version: where it is and the SHA-256 of its bytes. */
    public record ObjectRef(String key, String sha256, long size) {
    }
}
