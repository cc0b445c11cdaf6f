package io.modelway.training.clients;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.registry.Alias;
import io.modelway.core.api.registry.AliasRequest;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.ModelArtifactsProperties;
import io.modelway.core.models.UnsafeArtifactException;
import io.modelway.core.models.VerifiedArtifacts;
import io.modelway.training.TrainingProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;

/**
 * Talks to model-registry over its published API as training-service's own client: register versions (scope
 * {@code models.register}), read aliases and verified versions, and move an alias for the promotion gate (scope
 * {@code aliases.promote}).
 */
@Component
public class RegistryClient {

    /** Artifacts can be large: registering and reading them may take longer than a plain call. */
    private static final ServiceClients.Deadlines ARTIFACTS = new ServiceClients.Deadlines(Duration.ofSeconds(2),
            Duration.ofMinutes(2));

    /** Reads the whole artifacts and registers them. */
    private final RegistryApi registry;
    /** Looks up aliases and manifests and moves aliases: small answers, a short deadline. */
    private final RegistryApi lookups;
    private final VerifiedArtifacts artifacts;

    RegistryClient(TrainingProperties properties, ServiceClients clients, ModelArtifactsProperties trust) {
        this.registry = clients.create(RegistryApi.class, properties.registryUrl(), ARTIFACTS);
        this.lookups = clients.create(RegistryApi.class, properties.registryUrl(), ServiceClients.Deadlines.DEFAULT);
        this.artifacts = new VerifiedArtifacts(lookups, registry, trust);
    }

    /** Registers a version and returns its number. */
    public int register(String model, VersionMetadata metadata, Map<String, byte[]> files) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("metadata", ModelwayJson.toText(metadata), MediaType.APPLICATION_JSON);
        files.forEach((name, bytes) -> parts.part(name, new ByteArrayResource(bytes))
                .filename(name).contentType(MediaType.APPLICATION_OCTET_STREAM));
        return registry.register(model, parts.build()).version();
    }

    /** The alias, with the version it points to and its revision, if it exists. */
    public Optional<Alias> alias(String model, String alias) {
        return ServiceClients.unlessNotFound(() -> lookups.alias(model, alias));
    }

    /**
     * A registered version's feature pipeline and network, checked against its signed manifest and read without
     * running anything the archive carries; {@link UnsafeArtifactException} when either check refuses it.
     */
    public VerifiedArtifacts.Model stored(String model, int version) {
        return artifacts.model(model, version);
    }

    /**
     * Moves the alias for the promotion gate, recording the gate's reason in the alias's history, only if it is still
     * at {@code expectedRevision} (0: the alias did not exist): a 409 when somebody moved it since the gate read it.
     */
    public void moveAlias(String model, String alias, int version, long expectedRevision, String reason) {
        lookups.moveAlias(model, alias, new AliasRequest(version, expectedRevision, reason));
    }
}
