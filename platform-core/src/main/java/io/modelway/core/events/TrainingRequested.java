package io.modelway.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Somebody or something asks for a training run of a model's spec. {@code datasetVersion} null means
 * the latest version; {@code reason} is one of manual, new-data, drift, schedule.
 */
public record TrainingRequested(UUID eventId, Instant occurredAt, String model, String dataset, Integer datasetVersion,
        String reason, Map<String, Object> params) implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
