package io.modelway.core.idempotency;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events a consumer has processed, so that a redelivered event is processed once.
 * Call {@link #markProcessed} in the same transaction as the event's effects: if they roll back, so
 * does the mark, and the redelivery is processed.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this consumer sees the event id, false for every redelivery. */
    public boolean markProcessed(String consumer, UUID eventId) {
        return jdbc.sql("""
                insert into processed_events (consumer, event_id) values (:consumer, :id)
                on conflict do nothing""")
                .param("consumer", consumer)
                .param("id", eventId)
                .update() == 1;
    }
}
