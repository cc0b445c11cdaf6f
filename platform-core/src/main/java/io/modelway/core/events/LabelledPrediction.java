package io.modelway.core.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Ground truth for one served prediction: the input the version saw, what it answered and the true label that
 * came back for it, joined by request id whichever of the two arrived first. Its {@code eventId} comes from the
 * model and the request id ({@link #idOf}), so the same join made twice (a redelivery, a monitor rebuilding its
 * state) is one row wherever it lands.
 */
public record LabelledPrediction(UUID eventId, Instant occurredAt, String requestId, String model, int version,
        Instant predictedAt, Map<String, Object> input, Map<String, Object> output, Object trueLabel)
        implements ModelwayEvent {

    public LabelledPrediction {
        input = input == null ? Map.of() : input;
        output = output == null ? Map.of() : output;
    }

    /** The event id of the ground truth of {@code requestId} for {@code model}: the same for every join of it. */
    public static UUID idOf(String model, String requestId) {
        return UUID.nameUUIDFromBytes((model + "\n" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String key() {
        return model;
    }
}
