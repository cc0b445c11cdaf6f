package io.modelway.core.api.registry;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of a model version, as the registry writes and signs it when it accepts the version: every
 * artifact with its SHA-256, and what the registering run said about the version.
 */
public record VersionManifest(String model, int version, List<ModelVersion.Artifact> artifacts,
        VersionMetadata metadata, Instant createdAt) {

    public static final String FILE = "manifest.json";

    public ModelVersion.Artifact artifact(String file) {
        return artifacts.stream().filter(a -> a.file().equals(file)).findFirst().orElse(null);
    }
}
