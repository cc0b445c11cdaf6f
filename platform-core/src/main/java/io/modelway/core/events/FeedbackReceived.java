package io.modelway.core.events;

import java.time.Instant;
import java.util.UUID;

/** The true label for an earlier prediction, joined to it by request id. */
public record FeedbackReceived(UUID eventId, Instant occurredAt, String requestId, String model, Object trueLabel)
        implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
