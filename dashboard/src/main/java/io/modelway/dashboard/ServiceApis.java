package io.modelway.dashboard;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.dashboard.overview.DashboardProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services' APIs as the dashboard's own background work calls them (the training profiles the drift monitor
 * measures against), under the dashboard's client identity, with bounded deadlines.
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
}
