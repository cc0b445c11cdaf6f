package io.modelway.training.clients;

import io.modelway.core.api.registry.VersionLineage;
import io.modelway.core.schema.DatasetSchema;

/**
 * A published dataset version as training needs it: where its clean data is, its SHA-256 and schema, and the
 * raw upload it was cleaned from (for lineage).
 */
public record DatasetRef(String dataset, int version, String dataKey, String dataSha256, DatasetSchema schema,
        VersionLineage.Source source) {
}
