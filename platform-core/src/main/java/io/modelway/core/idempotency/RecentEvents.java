package io.modelway.core.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ids of the last events a consumer took, in memory, for a consumer whose effects are not in a database (where
 * {@link ProcessedEvents} marks them in the effects' transaction). Bounded: past {@code size} ids the oldest is
 * forgotten, so a copy redelivered after that many newer events is taken again.
 */
public final class RecentEvents {

    private final Map<UUID, Boolean> ids;

    public RecentEvents(int size) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > size;
            }
        };
    }

    /** True the first time this event id is seen; false for a copy of an event already taken. */
    public synchronized boolean firstTime(UUID eventId) {
        return ids.put(eventId, Boolean.TRUE) == null;
    }

    /** The event was not taken after all (its effect failed): its redelivery is taken again. */
    public synchronized void forget(UUID eventId) {
        ids.remove(eventId);
    }
}
