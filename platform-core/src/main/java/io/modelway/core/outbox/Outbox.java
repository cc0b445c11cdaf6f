package io.modelway.core.outbox;

import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.json.ModelwayJson;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records an event in the same database transaction as the change it announces; {@link OutboxRelay}
 * sends it to Kafka afterwards. So a change is never published without being committed, nor committed
 * without being published (once Kafka is reachable).
 */
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends the event for {@code binding}; call inside the transaction that makes the change. */
    public void append(String binding, ModelwayEvent event) {
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
