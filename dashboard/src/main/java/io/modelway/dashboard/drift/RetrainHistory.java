package io.modelway.dashboard.drift;

import io.modelway.core.api.training.TrainingApi;
import io.modelway.core.api.training.TrainingRun;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The drift retrains training-service holds for a model, oldest first. The loop starts from them, so its
 * cooldown and daily budget survive a dashboard restart and a model's partition moving to another replica.
 */
@Component
public class RetrainHistory {

    private final TrainingApi training;

    public RetrainHistory(TrainingApi training) {
        this.training = training;
    }

    /** When each drift run of the model was requested, from {@code since} on; throws when training does not answer. */
    public List<Instant> driftRetrainsSince(String model, Instant since) {
        return training.runs(model, "drift", 100).stream()
                .map(TrainingRun::createdAt)
                .filter(created -> !created.isBefore(since))
                .sorted()
                .toList();
    }
}
