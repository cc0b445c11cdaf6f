package io.modelway.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The registry accepted a new, immutable model version. */
public record ModelVersionRegistered(UUID eventId, Instant occurredAt, String model, int version, UUID runId,
        String dataset, Integer datasetVersion, Map<String, Object> metrics) implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
