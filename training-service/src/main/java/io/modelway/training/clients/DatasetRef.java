package io.modelway.training.clients;

import io.modelway.core.schema.DatasetSchema;
import java.util.UUID;

/**
 * A published dataset version as training needs it: where its clean data is, its SHA-256 and schema, and the
 * raw upload it was cleaned from (for lineage).
 */
public record DatasetRef(String dataset, int version, String dataKey, String dataSha256, DatasetSchema schema,
        Source source) {

    /** The upload behind the version, exactly as ingest received it. */
    public record Source(UUID uploadId, String key, String sha256, String contentType) {
    }
}
