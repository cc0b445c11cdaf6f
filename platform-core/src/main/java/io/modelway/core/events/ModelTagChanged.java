package io.modelway.core.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A tag was set or removed: on the model when {@code version} is null, else on that version; {@code value}
 * is null when the tag was removed.
 */
public record ModelTagChanged(UUID eventId, Instant occurredAt, String model, Integer version, String tag,
        String value, String actor) implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
