package io.modelway.core.outbox;

import io.modelway.core.events.EventMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka in insertion order and marks them sent. Bindings are configured with a
 * synchronous producer, so a row is marked only after the broker acknowledged it; when Kafka is down
 * the rows wait and go out, in order, once it is back. Rows are locked with SKIP LOCKED so several
 * replicas never send the same row concurrently. Rows go out when a transaction that wrote them commits
 * ({@link #wake()}, on the relay's own thread) and at every poll, for rows a wake-up missed (a crash between
 * commit and send, Kafka down); within a replica one relay runs at a time, so rows leave in order.
 */
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final StreamBridge streamBridge;
    private final TransactionTemplate transactions;
    private final ReentrantLock relaying = new ReentrantLock();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(JdbcClient jdbc, StreamBridge streamBridge, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.streamBridge = streamBridge;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${modelway.outbox.poll-interval:250ms}")
    public void relay() {
        relaying.lock();
        try {
            int sent;
            do {
                sent = transactions.execute(status -> sendBatch());
            } while (sent == BATCH);
        } finally {
            relaying.unlock();
        }
    }

    /** Sends what was just committed, on the relay's thread; wake-ups that arrive while one waits are one. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    woken.set(false);
                    try {
                        relay();
                    } catch (RuntimeException e) {
                        log.warn("Outbox not relayed on commit, the next poll retries: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                woken.set(false);
            }
        }
    }

    @Override
    public void destroy() {
        waker.shutdownNow();
    }

    private int sendBatch() {
        List<Row> rows = jdbc.sql("""
                select id, binding, message_key, event_type, payload from outbox
                where sent_at is null order by id limit :limit for update skip locked""")
                .param("limit", BATCH)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        int sent = 0;
        for (Row row : rows) {
            boolean accepted;
            try {
                accepted = streamBridge.send(row.binding(), EventMessages.toMessage(row.type(), row.key(),
                        row.payload().getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                log.warn("Outbox row {} ({}) not sent yet, will retry: {}", row.id(), row.type(), e.getMessage());
                break;
            }
            if (!accepted) {
                log.warn("Outbox row {} ({}) refused by binding {}, will retry", row.id(), row.type(), row.binding());
                break;
            }
            jdbc.sql("update outbox set sent_at = now() where id = :id").param("id", row.id()).update();
            sent++;
        }
        return sent;
    }

    /** How many events wait to be sent; exported as a gauge. */
    public long pending() {
        return jdbc.sql("select count(*) from outbox where sent_at is null").query(Long.class).single();
    }

    private record Row(long id, String binding, String key, String type, String payload) {
    }
}
