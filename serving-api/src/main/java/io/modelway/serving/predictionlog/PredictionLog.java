package io.modelway.serving.predictionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.PredictionLogged;
import io.modelway.serving.ServingProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends every prediction to {@code modelway.predictions} without making a request wait: each prediction is
 * serialized as it is offered and queued for one thread that drains the queue into a Kafka producer, which batches
 * them (the one place serving does not send through the binder: at thousands of predictions a second the binder's
 * per-message cost would be most of the server's CPU). The queue is lock-free and the sender looks at it every
 * {@value #IDLE_PARK_MILLIS} ms when it is empty, instead of being woken by each offer: a wake-up per prediction
 * cost the request thread a futex call, and the producer waits 20 ms to fill a batch anyway. The queue is bounded by
 * bytes ({@code max-queued}), since a prediction of a thousand instances weighs a thousand of one; the producer's
 * own buffer is bounded too. When the queue is full (Kafka slow or down) a prediction is dropped and counted in
 * {@code modelway_prediction_log_dropped_total}, never silently.
 */
@Component
public class PredictionLog implements DisposableBean {

    static final String TOPIC = "modelway.predictions";
    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);

    static final long IDLE_PARK_MILLIS = 2;

    private final Queue<ProducerRecord<byte[], byte[]>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Counter sent;
    private final Counter dropped;
    private final Counter failed;
    private final Thread sender;

    PredictionLog(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, ServingProperties properties,
            MeterRegistry meters) {
        this.maxQueuedBytes = properties.predictionLog().maxQueued().toBytes();
        this.sent = Counter.builder("modelway_prediction_log_sent").description("Predictions Kafka accepted")
                .register(meters);
        this.dropped = Counter.builder("modelway_prediction_log_dropped")
                .description("Predictions not logged because the queue to Kafka was full").register(meters);
        this.failed = Counter.builder("modelway_prediction_log_failed")
                .description("Predictions Kafka did not accept").register(meters);
        Gauge.builder("modelway_prediction_log_queued", queued, AtomicInteger::get)
                .description("Predictions waiting to be sent to Kafka").register(meters);
        Gauge.builder("modelway_prediction_log_queued_bytes", queuedBytes, AtomicLong::get)
                .description("Bytes of the predictions waiting to be sent to Kafka").baseUnit("bytes").register(meters);
        createTopic(brokers);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.CLIENT_ID_CONFIG, "serving-api-prediction-log",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.BUFFER_MEMORY_CONFIG, (long) Math.max(1 << 20, Math.min(maxQueuedBytes, 32L << 20)),
                // Never hold the sender for long: a full queue is counted as dropped instead.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.sender = new Thread(this::send, "prediction-log");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Three partitions, as the binder makes the other topics (feedback among them); nothing if it exists. */
    private static void createTopic(String brokers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all()
                    .get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {} (the broker may create it on first send): {}", TOPIC, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer in time to create {}; predictions queue until it does", TOPIC);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues the prediction for Kafka; never blocks. */
    public void offer(PredictionLogged prediction) {
        ProducerRecord<byte[], byte[]> record = EventMessages.toRecord(TOPIC, prediction);
        long size = size(record);
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            dropped.increment();
            return;
        }
        queued.incrementAndGet();
        queue.add(record);
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return record.value().length + (record.key() == null ? 0 : record.key().length) + 64;
    }

    private void send() {
        while (!Thread.currentThread().isInterrupted()) {
            ProducerRecord<byte[], byte[]> next = queue.poll();
            if (next == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
                continue;
            }
            queued.decrementAndGet();
            queuedBytes.addAndGet(-size(next));
            try {
                producer.send(next, (metadata, error) -> {
                    if (error == null) {
                        sent.increment();
                    } else {
                        failed.increment();
                    }
                });
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("Prediction {} was not logged: {}", new String(next.key(), StandardCharsets.UTF_8),
                        e.toString());
            }
        }
    }

    /** Gives queued predictions a moment to leave before the producer closes. */
    @Override
    public void destroy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        sender.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
