package io.modelway.dashboard.overview;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code services}: base URLs of the services the console reads from, by name (ingest, training, registry,
 * serving); {@code replay}: how far back the prediction and feedback topics are read again after a start, to
 * rebuild drift windows and live accuracy.
 */
@ConfigurationProperties("modelway.dashboard")
public record DashboardProperties(Map<String, String> services, Duration replay) {

    public DashboardProperties {
        // Base URLs without a trailing slash, so that base + "/api/..." is one path.
        services = services == null ? Map.of() : services.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().replaceAll("/+$", "")));
        replay = replay == null || replay.isNegative() ? Duration.ofHours(24) : replay;
    }
}
