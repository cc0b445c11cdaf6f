package io.modelway.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Progress or outcome of a training run: status, the epoch reached, metrics so far. */
public record TrainingRunUpdated(UUID eventId, Instant occurredAt, UUID runId, String model, String status,
        int epoch, int epochs, Map<String, Object> metrics, Integer modelVersion, String error)
        implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
