package io.modelway.core.api.registry;

import java.util.Map;
import java.util.UUID;

/** What a training run says about the version it registers: the {@code metadata} part of the upload. */
public record VersionMetadata(UUID runId, String modelType, String dataset, Integer datasetVersion,
        String datasetSha256, String paramsSha256, Map<String, Object> metrics, Map<String, Object> params,
        Map<String, String> tags, VersionLineage lineage) {

    public VersionMetadata {
        metrics = metrics == null ? Map.of() : metrics;
        params = params == null ? Map.of() : params;
        tags = tags == null ? Map.of() : tags;
        lineage = lineage == null ? VersionLineage.NONE : lineage;
    }
}
