package io.modelway.dashboard.overview;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Base URLs of the services the console reads from, by name (ingest, training, registry, serving). */
@ConfigurationProperties("modelway.dashboard")
public record DashboardProperties(Map<String, String> services) {

    public DashboardProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
