package io.modelway.core.outbox;

import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.json.ModelwayJson;
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

    private final JdbcClient jdbc;
    private final Runnable committed;

    /** @param committed run after a transaction that appended an event commits: it must not block */
    public Outbox(JdbcClient jdbc, Runnable committed) {
        this.jdbc = jdbc;
        this.committed = committed;
    }

    /** Appends the event for {@code binding}; call inside the transaction that makes the change. */
    public void append(String binding, ModelwayEvent event) {
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
                .param("payload", ModelwayJson.toText(event))
                .update();
    }
}
