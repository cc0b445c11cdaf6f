package io.modelway.training.runs;

import io.modelway.core.events.TrainingRunUpdated;
import io.modelway.core.outbox.Outbox;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Announces a run's progress on {@code modelway.training}, through the outbox. */
@Component
class RunEvents {

    static final String BINDING = "training-out-0";

    private final Outbox outbox;

    RunEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void publish(UUID runId, String model, String status, int epoch, int epochs, Map<String, Object> metrics,
            Integer modelVersion, String error) {
        outbox.append(BINDING, new TrainingRunUpdated(UUID.randomUUID(), Instant.now(), runId, model, status, epoch,
                epochs, metrics, modelVersion, error));
    }
}
