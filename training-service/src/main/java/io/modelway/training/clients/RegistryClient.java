package io.modelway.training.clients;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.registry.Alias;
import io.modelway.core.api.registry.AliasRequest;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.json.ModelwayJson;
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
 * {@code models.register}), read aliases and artifacts, and move an alias for the promotion gate (scope
 * {@code aliases.promote}).
 */
@Component
public class RegistryClient {

    /** Artifacts can be large: registering and reading them may take longer than a plain call. */
    private static final ServiceClients.Deadlines ARTIFACTS = new ServiceClients.Deadlines(Duration.ofSeconds(2),
            Duration.ofMinutes(2));

    private final RegistryApi registry;

    RegistryClient(TrainingProperties properties, ServiceClients clients) {
        this.registry = clients.create(RegistryApi.class, properties.registryUrl(), ARTIFACTS);
    }

    /** Registers a version and returns its number. */
    public int register(String model, VersionMetadata metadata, Map<String, byte[]> files) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("metadata", ModelwayJson.toText(metadata), MediaType.APPLICATION_JSON);
        files.forEach((name, bytes) -> parts.part(name, new ByteArrayResource(bytes))
                .filename(name).contentType(MediaType.APPLICATION_OCTET_STREAM));
        return registry.register(model, parts.build()).version();
    }

    /** The version an alias points to, if it exists. */
    public Optional<Integer> alias(String model, String alias) {
        return ServiceClients.unlessNotFound(() -> registry.alias(model, alias)).map(Alias::version);
    }

    /** An artifact's bytes; the registry checks their SHA-256 before it answers. */
    public byte[] artifact(String model, int version, String file) {
        return registry.artifact(model, version, file);
    }

    /** Moves the alias for the promotion gate, recording the gate's reason in the alias's history. */
    public void moveAlias(String model, String alias, int version, String reason) {
        registry.moveAlias(model, alias, new AliasRequest(version, null, reason));
    }
}
