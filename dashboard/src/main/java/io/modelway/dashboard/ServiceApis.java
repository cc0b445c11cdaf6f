package io.modelway.dashboard;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.api.training.TrainingApi;
import io.modelway.dashboard.overview.DashboardProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services' APIs as the dashboard's own background work calls them (drift profiles, policies and retrain
 * history), under the dashboard's client identity. Bounded deadlines: a service that hangs must not stall the
 * drift consumer.
 */
@Configuration(proxyBeanMethods = false)
class ServiceApis {

    private static final ServiceClients.Deadlines DEADLINES = new ServiceClients.Deadlines(Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @Bean
    RegistryApi registryApi(ServiceClients clients, DashboardProperties properties) {
        return clients.create(RegistryApi.class, properties.services().get("registry"), DEADLINES);
    }

    @Bean
    IngestApi ingestApi(ServiceClients clients, DashboardProperties properties) {
        return clients.create(IngestApi.class, properties.services().get("ingest"), DEADLINES);
    }

    @Bean
    TrainingApi trainingApi(ServiceClients clients, DashboardProperties properties) {
        return clients.create(TrainingApi.class, properties.services().get("training"), DEADLINES);
    }
}
