package io.modelway.core.outbox;

import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.json.ModelwayJson;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the same database transaction as the change it announces; {@link OutboxRelay}
 * sends it to Kafka afterwards, woken as soon as that transaction commits (an alias move reaches serving without
 * waiting for the relay's next poll). So a change is never published without being committed, nor committed
 * without being published (once Kafka is reachable).
 */
public class Outbox {

    /**
     * The largest event payload appended, in bytes: a Kafka broker's default largest message (1 MiB) less room for
     * the record's key and headers. A larger event could never be sent, and since rows leave in order it would hold
     * back every event after it.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    private final JdbcClient jdbc;
    private final Runnable committed;

    /** @param committed run after a transaction that appended an event commits: it must not block */
    public Outbox(JdbcClient jdbc, Runnable committed) {
        this.jdbc = jdbc;
        this.committed = committed;
    }

    /** Appends the event for {@code binding}; call inside the transaction that makes the change. */
    public void append(String binding, ModelwayEvent event) {
        String payload = ModelwayJson.toText(event);
        // Characters are at most as many as UTF-8 bytes: only a payload near the limit needs its bytes counted.
        if (payload.length() > MAX_EVENT_BYTES / 3) {
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_EVENT_BYTES) {
                throw new EventTooLargeException(event.getClass().getSimpleName(), bytes, MAX_EVENT_BYTES);
            }
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.run();
                }
            });
        }
        jdbc.sql("""
                insert into outbox (event_id, binding, message_key, event_type, payload)
                values (:id, :binding, :key, :type, :payload)""")
                .param("id", event.eventId())
                .param("binding", binding)
                .param("key", event.key())
                .param("type", event.getClass().getSimpleName())
                .param("payload", payload)
                .update();
    }
}
