package io.modelway.core.api.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An immutable model version with its lineage (run, dataset version, upload), artifacts, aliases and tags. */
public record ModelVersion(String model, int version, UUID runId, String modelType, String dataset,
        Integer datasetVersion, String datasetSha256, String paramsSha256, Map<String, Object> metrics,
        Map<String, Object> params, List<Artifact> artifacts, List<String> aliases, Map<String, String> tags,
        VersionLineage lineage, Instant createdAt) {

    /** A stored file of the version and the SHA-256 it must have when read back. */
    public record Artifact(String file, String key, String sha256, long size) {
    }

    public Artifact artifact(String file) {
        return artifacts.stream().filter(a -> a.file().equals(file)).findFirst().orElse(null);
    }
}
