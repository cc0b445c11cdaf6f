package io.modelway.core.events;

import java.time.Instant;
import java.util.UUID;

/** An alias now points to {@code version} (null when the alias was removed). */
public record ModelAliasChanged(UUID eventId, Instant occurredAt, String model, String alias, Integer version,
        Integer previousVersion, String actor) implements ModelwayEvent {

    @Override
    public String key() {
        return model;
    }
}
