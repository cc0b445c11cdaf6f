package io.modelway.dashboard.drift;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.training.TrainingApi;
import io.modelway.core.api.training.TrainingSpec;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/** A model's drift policy, read from its training spec in training-service; none without the drift trigger. */
@Component
public class DriftPolicies {

    private static final Logger log = LoggerFactory.getLogger(DriftPolicies.class);

    /** See the training spec's {@code drift}: method, threshold, windows in a row, cooldown, daily budget. */
    public record Policy(String method, double threshold, int windows, Duration cooldown, int maxRetrainsPerDay) {

        static Policy from(TrainingSpec.Drift drift) {
            return new Policy(drift.method(), drift.threshold(), drift.windows(), drift.cooldown(),
                    drift.maxRetrainsPerDay());
        }
    }

    private final TrainingApi training;

    public DriftPolicies(TrainingApi training) {
        this.training = training;
    }

    public Optional<Policy> of(String model) {
        try {
            return ServiceClients.unlessNotFound(() -> training.spec(model))
                    .filter(spec -> spec.triggeredBy("drift") && spec.drift() != null)
                    .map(spec -> Policy.from(spec.drift()));
        } catch (RestClientException e) {
            log.warn("Training spec of {} not readable; drift does not retrain it now: {}", model, e.toString());
            return Optional.empty();
        }
    }
}
