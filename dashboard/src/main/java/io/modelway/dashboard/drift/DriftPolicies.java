package io.modelway.dashboard.drift;

import io.modelway.core.json.ModelwayJson;
import io.modelway.dashboard.overview.DashboardProperties;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** A model's drift policy, read from its training spec in training-service; none without the drift trigger. */
@Component
public class DriftPolicies {

    private static final Logger log = LoggerFactory.getLogger(DriftPolicies.class);

    /** See the training spec's {@code drift}: method, threshold, windows in a row, cooldown, daily budget. */
    public record Policy(String method, double threshold, int windows, Duration cooldown, int maxRetrainsPerDay) {
    }

    private final RestClient http;
    private final DashboardProperties services;

    public DriftPolicies(DashboardProperties services, RestClient serviceClient) {
        this.http = serviceClient;
        this.services = services;
    }

    public Optional<Policy> of(String model) {
        try {
            JsonNode spec = ModelwayJson.mapper().readTree(http.get()
                    .uri(services.services().get("training") + "/api/training-specs/{m}", model).retrieve()
                    .body(String.class));
            boolean byDrift = spec.path("triggers").valueStream().anyMatch(t -> "drift".equals(t.asString()));
            JsonNode drift = spec.path("drift");
            if (!byDrift || !drift.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Policy(drift.path("method").asString("psi"), drift.path("threshold").asDouble(0.25),
                    drift.path("windows").asInt(3), duration(drift.path("cooldown")),
                    drift.path("maxRetrainsPerDay").asInt(3)));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Training spec of {} not readable; drift does not retrain it now: {}", model, e.toString());
            return Optional.empty();
        }
    }

    /** ISO-8601 ({@code PT1H}) or seconds, whichever way the spec's JSON writes it. */
    private static Duration duration(JsonNode value) {
        if (value.isNumber()) {
            return Duration.ofMillis(Math.round(value.asDouble() * 1000));
        }
        return value.isString() ? Duration.parse(value.asString()) : Duration.ofHours(1);
    }
}
