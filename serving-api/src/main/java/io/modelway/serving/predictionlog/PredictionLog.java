package io.modelway.serving.predictionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.PredictionLogged;
import io.modelway.serving.ServingProperties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends every prediction to {@code modelway.predictions} without making a request wait: predictions go into a
 * bounded queue that one thread drains to Kafka. When the queue is full (Kafka slow or down) a prediction is
 * dropped and counted in {@code modelway_prediction_log_dropped_total}, never silently.
 */
@Component
public class PredictionLog implements DisposableBean {

    static final String BINDING = "predictions-out-0";
    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);

    private final BlockingQueue<PredictionLogged> queue;
    private final StreamBridge bridge;
    private final Counter sent;
    private final Counter dropped;
    private final Counter failed;
    private final Thread sender;

    PredictionLog(StreamBridge bridge, ServingProperties properties, MeterRegistry meters) {
        this.bridge = bridge;
        this.queue = new ArrayBlockingQueue<>(properties.predictionLog().capacity());
        this.sent = Counter.builder("modelway_prediction_log_sent").description("Predictions sent to Kafka")
                .register(meters);
        this.dropped = Counter.builder("modelway_prediction_log_dropped")
                .description("Predictions not logged because the queue to Kafka was full").register(meters);
        this.failed = Counter.builder("modelway_prediction_log_failed")
                .description("Predictions Kafka did not accept").register(meters);
        Gauge.builder("modelway_prediction_log_queued", queue, BlockingQueue::size)
                .description("Predictions waiting to be sent to Kafka").register(meters);
        this.sender = new Thread(this::send, "prediction-log");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Queues the prediction for Kafka; never blocks. */
    public void offer(PredictionLogged prediction) {
        if (!queue.offer(prediction)) {
            dropped.increment();
        }
    }

    private void send() {
        while (!Thread.currentThread().isInterrupted()) {
            PredictionLogged next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (bridge.send(BINDING, EventMessages.toMessage(next))) {
                    sent.increment();
                } else {
                    failed.increment();
                }
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("Prediction {} of {} not logged: {}", next.requestId(), next.model(), e.toString());
            }
        }
    }

    /** Gives queued predictions a moment to leave before the binder closes. */
    @Override
    public void destroy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        sender.interrupt();
    }
}
