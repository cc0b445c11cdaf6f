package io.modelway.training.clients;

import io.modelway.core.schema.DatasetSchema;

/** A published dataset version as training needs it: where its clean data is, its SHA-256 and schema. */
public record DatasetRef(String dataset, int version, String dataKey, String dataSha256, DatasetSchema schema) {
}
