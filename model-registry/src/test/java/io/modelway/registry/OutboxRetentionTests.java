package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.outbox.OutboxRetention;
import io.modelway.test.ServiceFlowTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sent outbox rows and processed-event marks go after their retention; an unsent row never does. */
@ServiceFlowTest
class OutboxRetentionTests {

    @Autowired
    OutboxRetention retention;

    @Autowired
    JdbcClient jdbc;

    private UUID outboxRow(String createdAgo, String sentAgo) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outbox (event_id, binding, message_key, event_type, payload, created_at, sent_at)
                values (:id, 'retention-test', 'k', 'Test', '{}', now() - cast(:created as interval),
                        case when :sent = '' then null else now() - cast(:sent as interval) end)""")
                .param("id", id).param("created", createdAgo).param("sent", sentAgo == null ? "" : sentAgo).update();
        return id;
    }

    private UUID mark(String ago) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into processed_events (consumer, event_id, processed_at) values ('retention-test', :id, "
                + "now() - cast(:ago as interval))").param("id", id).param("ago", ago).update();
        return id;
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("select count(*) from " + table + " where event_id = :id").param("id", id)
                .query(Long.class).single() == 1;
    }

    @Test
    void rowsPastTheirRetentionArePrunedAndUnsentOnesStay() {
        UUID oldSent = outboxRow("9 days", "8 days");
        UUID recentSent = outboxRow("2 days", "1 day");
        UUID oldUnsent = outboxRow("30 days", null);
        UUID oldMark = mark("15 days");
        UUID recentMark = mark("13 days");

        OutboxRetention.Pruned pruned = retention.prune();

        assertThat(pruned.outboxRows()).isGreaterThanOrEqualTo(1);
        assertThat(pruned.processedEvents()).isGreaterThanOrEqualTo(1);
        assertThat(exists("outbox", oldSent)).isFalse();
        assertThat(exists("outbox", recentSent)).isTrue();
        assertThat(exists("outbox", oldUnsent)).as("never sent: kept until Kafka has it").isTrue();
        assertThat(exists("processed_events", oldMark)).isFalse();
        assertThat(exists("processed_events", recentMark)).isTrue();
        jdbc.sql("delete from outbox where binding = 'retention-test'").update();
    }
}
