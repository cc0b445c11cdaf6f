package io.modelway.core.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The true label for an earlier prediction, joined to it by request id. Keyed by request id, as the prediction is:
 * with as many partitions on both topics, a prediction and its feedback sit in partitions of the same number.
 */
public record FeedbackReceived(UUID eventId, Instant occurredAt, String requestId, String model, Object trueLabel)
        implements ModelwayEvent {

    @Override
    public String key() {
        return requestId;
    }
}
