package io.modelway.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One prediction request as served: inputs, outputs, the version that answered and how fast. */
public record PredictionLogged(UUID eventId, Instant occurredAt, String requestId, String model, int version,
        List<Map<String, Object>> inputs, List<Map<String, Object>> outputs, double latencyMillis)
        implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
