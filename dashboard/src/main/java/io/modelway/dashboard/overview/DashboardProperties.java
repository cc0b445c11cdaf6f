package io.modelway.dashboard.overview;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code services}: base URLs of the services the console reads from, by name (ingest, training, registry, serving). */
@ConfigurationProperties("modelway.dashboard")
public record DashboardProperties(Map<String, String> services) {

    public DashboardProperties {
        // Base URLs without a trailing slash, so that base + "/api/..." is one path.
        services = services == null ? Map.of() : services.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().replaceAll("/+$", "")));
    }
}
