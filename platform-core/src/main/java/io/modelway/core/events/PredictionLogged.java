package io.modelway.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One prediction request as served: inputs, outputs, the version that answered and how fast. {@code role}
 * says how that version was chosen: {@code primary} (the served alias), {@code canary} (a weighted share of
 * requests), {@code explicit} (the caller named the version) or {@code shadow} (scored alongside the
 * primary; its answer was never returned). Keyed by request id: one model's predictions spread over the topic's
 * partitions, and each sits in the partition of its feedback, which has the same key.
 */
public record PredictionLogged(UUID eventId, Instant occurredAt, String requestId, String model, int version,
        String role, List<Map<String, Object>> inputs, List<Map<String, Object>> outputs, double latencyMillis)
        implements ModelwayEvent {

    public static final String PRIMARY = "primary";
    public static final String CANARY = "canary";
    public static final String EXPLICIT = "explicit";
    public static final String SHADOW = "shadow";

    @Override
    public String key() {
        return requestId;
    }
}
