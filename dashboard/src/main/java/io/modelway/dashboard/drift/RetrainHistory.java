package io.modelway.dashboard.drift;

import io.modelway.core.json.ModelwayJson;
import io.modelway.dashboard.overview.DashboardProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The drift retrains training-service holds for a model, oldest first. The loop starts from them, so its
 * cooldown and daily budget survive a dashboard restart and a model's partition moving to another replica.
 */
@Component
public class RetrainHistory {

    private final RestClient http;
    private final DashboardProperties services;

    public RetrainHistory(DashboardProperties services, RestClient serviceClient) {
        this.http = serviceClient;
        this.services = services;
    }

    /** When each drift run of the model was requested, from {@code since} on; throws when training does not answer. */
    public List<Instant> driftRetrainsSince(String model, Instant since) {
        String runs = http.get().uri(services.services().get("training")
                + "/api/training-runs?model={m}&reason=drift&limit=100", model).retrieve().body(String.class);
        return ModelwayJson.mapper().readTree(runs).valueStream()
                .map(run -> Instant.parse(run.get("createdAt").asString()))
                .filter(created -> !created.isBefore(since))
                .sorted()
                .toList();
    }
}
