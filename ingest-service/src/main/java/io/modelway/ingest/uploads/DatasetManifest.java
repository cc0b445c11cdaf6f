package io.modelway.ingest.uploads;

import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.schema.DatasetSchema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code manifest.json} of a dataset version: what it holds, where it came from and who sent it, with SHA-256s.
 * {@code source}, for rows that were not an upload alone, is the version's provenance with every prediction id.
 */
record DatasetManifest(String dataset, int version, UUID uploadId, String contentType, long rowsReceived,
        long rowsClean, long rowsQuarantined, Map<String, Long> quarantineReasons,
        Map<String, DatasetVersion.ObjectRef> objects, DatasetSchema schema, Map<String, Map<String, Long>> columnReport,
        String createdBy, Instant createdAt, Map<String, Object> source) {
}
