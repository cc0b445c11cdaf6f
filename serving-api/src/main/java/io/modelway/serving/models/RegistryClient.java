package io.modelway.serving.models;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.registry.ModelSummary;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.models.ModelArtifactsProperties;
import io.modelway.core.models.UnsafeArtifactException;
import io.modelway.core.models.VerifiedArtifacts;
import io.modelway.serving.ServingProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reads model versions, aliases and artifacts from model-registry's published API, as serving-api's own client. */
@Component
class RegistryClient {

    private static final int PAGE = 500;
    private static final Duration CONNECT = Duration.ofSeconds(2);

    /** Lookups: small answers, a short deadline, so that a registry that hangs is soon treated as down. */
    private final RegistryApi registry;
    private final VerifiedArtifacts artifacts;

    RegistryClient(ServingProperties properties, ServiceClients clients, ModelArtifactsProperties trust) {
        this.registry = clients.create(RegistryApi.class, properties.registryUrl(),
                new ServiceClients.Deadlines(CONNECT, properties.registryTimeout()));
        RegistryApi downloads = clients.create(RegistryApi.class, properties.registryUrl(),
                new ServiceClients.Deadlines(CONNECT, properties.downloadTimeout()));
        this.artifacts = new VerifiedArtifacts(registry, downloads, trust);
    }

    /** Every model with its aliases and tags, page by page. */
    List<ModelSummary> models() {
        List<ModelSummary> models = new ArrayList<>();
        int page;
        do {
            List<ModelSummary> next = registry.models(PAGE, models.size());
            page = next.size();
            models.addAll(next);
        } while (page == PAGE);
        return models;
    }

    /** One model with its aliases and tags; empty when the registry does not know it. */
    Optional<ModelSummary> model(String model) {
        return ServiceClients.unlessNotFound(() -> registry.model(model));
    }

    /** The version's pipeline and network as its signed manifest names them; {@link UnsafeArtifactException} if not. */
    VerifiedArtifacts.Model stored(String model, int version) {
        return artifacts.model(model, version);
    }
}
