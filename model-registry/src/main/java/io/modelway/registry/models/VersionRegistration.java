package io.modelway.registry.models;

import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.VersionManifest;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.events.ModelVersionRegistered;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.outbox.Outbox;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.StoredObject;
import io.modelway.registry.audit.AuditLog;
import io.modelway.registry.signing.ManifestSigning;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a new model version: numbers it, stores its artifacts once under
 * {@code models/{model}/v{n}/} with their SHA-256s and a manifest, signs the manifest, records it, and announces it.
 */
@Service
public class VersionRegistration {

    static final String BINDING = "models-out-0";

    private final ModelRepository models;
    private final ObjectStore store;
    private final Outbox outbox;
    private final AuditLog audit;
    private final ManifestSigning signing;

    VersionRegistration(ModelRepository models, ObjectStore store, Outbox outbox, AuditLog audit,
            ManifestSigning signing) {
        this.models = models;
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.signing = signing;
    }

    /** Files by name (for example {@code model.zip}, {@code pipeline.json}) and where they are on local disk. */
    @Transactional
    public ModelVersion register(String model, VersionMetadata meta, Map<String, Path> files, String actor) {
        // The model row lock serialises registrations of one model; the objects are written under it so a
        // version number is never used by two uploads.
        int version = models.lockAndNextVersion(model);
        String prefix = "models/" + model + "/v" + version + "/";
        List<ModelVersion.Artifact> artifacts = new ArrayList<>();
        files.forEach((file, path) -> {
            StoredObject stored = store.put(prefix + file, path, contentType(file), null);
            artifacts.add(new ModelVersion.Artifact(file, stored.key(), stored.sha256(), stored.size()));
        });
        byte[] manifest = ModelwayJson.toBytes(new VersionManifest(model, version, List.copyOf(artifacts), meta,
                Instant.now()));
        StoredObject manifestObject = store.put(prefix + VersionManifest.FILE, manifest, "application/json");
        artifacts.add(new ModelVersion.Artifact(VersionManifest.FILE, manifestObject.key(), manifestObject.sha256(),
                manifestObject.size()));
        models.insert(model, version, meta, artifacts, actor);
        signing.sign(model, version, manifest);
        audit.record(model, "version.registered", actor, Map.of("version", version,
                "runId", String.valueOf(meta.runId()), "metrics", meta.metrics(), "tags", meta.tags()));
        outbox.append(BINDING, new ModelVersionRegistered(UUID.randomUUID(), Instant.now(), model, version,
                meta.runId(), meta.dataset(), meta.datasetVersion(), meta.metrics()));
        return models.find(model, version).orElseThrow();
    }

    private static String contentType(String file) {
        return file.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
