package io.modelway.registry.lineage;

import java.util.UUID;

/**
 * The chain behind a model version: the run that trained it, the dataset version it read, and the raw
 * upload that dataset version was cleaned from. Each link names the service API that tells more; objects say
 * whether they are still in the store.
 */
record Lineage(String model, int version, Run run, DatasetVersion datasetVersion, Upload upload) {

    record Run(UUID runId, String reason, String codeVersion, String paramsSha256, Link api) {
    }

    record DatasetVersion(String dataset, Integer version, String dataKey, String dataSha256, Boolean stored,
            Link api) {
    }

    record Upload(UUID uploadId, String key, String sha256, String contentType, boolean stored) {
    }

    /** A route of another Modelway service. */
    record Link(String service, String path) {
    }
}
