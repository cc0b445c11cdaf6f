package io.modelway.core.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the outbox and the processed-event marks from growing for ever: sent outbox rows older than
 * {@code modelway.outbox.retention} (7 days) and processed-event marks older than
 * {@code modelway.idempotency.retention} (14 days: longer than Kafka keeps a message, so no redelivery can
 * outlive its mark) are deleted every hour, in batches. An outbox row that was never sent is never deleted.
 */
public class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final Duration outbox;
    private final Duration processed;
    private final MeterRegistry meters;

    public OutboxRetention(JdbcClient jdbc, Duration outbox, Duration processed, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.processed = processed;
        this.meters = meters;
    }

    /** Deletes what is past its retention; returns how many rows of each table went. */
    @Scheduled(cron = "${modelway.outbox.retention-cron:0 41 * * * *}")
    public Pruned prune() {
        long sent = deleteInBatches("outbox", """
                delete from outbox where id in (select id from outbox
                where sent_at is not null and sent_at < now() - make_interval(secs => :age) limit :batch)""", outbox);
        long marks = deleteInBatches("processed_events", """
                delete from processed_events where ctid in (select ctid from processed_events
                where processed_at < now() - make_interval(secs => :age) limit :batch)""", processed);
        if (sent + marks > 0) {
            log.info("Pruned {} sent outbox rows older than {} and {} processed-event marks older than {}", sent, outbox,
                    marks, processed);
        }
        return new Pruned(sent, marks);
    }

    private long deleteInBatches(String table, String sql, Duration age) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).param("age", age.toSeconds()).param("batch", BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        meters.counter("modelway_retention_pruned", "table", table).increment(total);
        return total;
    }

    /** How many rows a pruning deleted. */
    public record Pruned(long outboxRows, long processedEvents) {
    }
}
