package io.modelway.serving.predict;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.PredictionLogged;
import io.modelway.serving.models.InputPolicy;
import io.modelway.serving.models.LoadedModel;
import io.modelway.serving.predictionlog.PredictionLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Scores requests on a model's shadow version after the caller has its answer, off the request thread, and
 * compares: the same label for a classifier, values within 5% (relative) for a regressor or anomaly score.
 * The shadow's answer is logged (role {@code shadow}) and never returned. Exported per model: comparisons by
 * outcome, a moving agreement rate and a moving latency difference (shadow minus primary, in seconds). When
 * shadows fall behind, requests are skipped and counted rather than queued without bound.
 */
@Component
class ShadowScoring implements DisposableBean {

    private static final double SMOOTHING = 0.05;
    private static final double TOLERANCE = 0.05;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread thread = new Thread(r, "shadow-scoring");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.AbortPolicy());
    private final PredictionLog predictionLog;
    private final MeterRegistry meters;
    private final Map<String, MovingAverages> averages = new ConcurrentHashMap<>();

    ShadowScoring(PredictionLog predictionLog, MeterRegistry meters) {
        this.predictionLog = predictionLog;
        this.meters = meters;
    }

    /** Moving agreement rate and latency difference of one model's shadow. */
    static final class MovingAverages {
        private double agreement = Double.NaN;
        private double latencyDelta = Double.NaN;

        synchronized void add(boolean agreed, double deltaSeconds) {
            agreement = Double.isNaN(agreement) ? (agreed ? 1 : 0) : agreement + SMOOTHING * ((agreed ? 1 : 0) - agreement);
            latencyDelta = Double.isNaN(latencyDelta) ? deltaSeconds
                    : latencyDelta + SMOOTHING * (deltaSeconds - latencyDelta);
        }

        synchronized double agreement() {
            return agreement;
        }

        synchronized double latencyDelta() {
            return latencyDelta;
        }
    }

    void submit(String requestId, LoadedModel shadow, InputPolicy policy, List<Map<String, Object>> instances,
            List<Map<String, Object>> primary, long primaryNanos) {
        try {
            executor.execute(() -> score(requestId, shadow, policy, instances, primary, primaryNanos));
        } catch (RejectedExecutionException e) {
            meters.counter("modelway_shadow_skipped", "model", shadow.model()).increment();
        }
    }

    private void score(String requestId, LoadedModel shadow, InputPolicy policy, List<Map<String, Object>> instances,
            List<Map<String, Object>> primary, long primaryNanos) {
        long start = System.nanoTime();
        List<Map<String, Object>> answers;
        try {
            answers = shadow.predict(shadow.encode(instances, policy));
        } catch (RuntimeException e) {
            meters.counter("modelway_shadow_comparisons", "model", shadow.model(), "shadow_version",
                    Integer.toString(shadow.version()), "outcome", "error").increment();
            return;
        }
        long nanos = System.nanoTime() - start;
        MovingAverages moving = averages.computeIfAbsent(shadow.model(), this::register);
        double delta = (nanos - primaryNanos) / 1e9;
        int agreed = 0;
        for (int i = 0; i < answers.size(); i++) {
            boolean same = agree(primary.get(i), answers.get(i));
            moving.add(same, delta);
            agreed += same ? 1 : 0;
        }
        Counter.builder("modelway_shadow_comparisons").tag("model", shadow.model())
                .tag("shadow_version", Integer.toString(shadow.version())).tag("outcome", "agreed")
                .description("Instances scored by a shadow version, by whether it agreed with the answer returned")
                .register(meters).increment(agreed);
        meters.counter("modelway_shadow_comparisons", "model", shadow.model(), "shadow_version",
                Integer.toString(shadow.version()), "outcome", "disagreed").increment(answers.size() - agreed);
        predictionLog.offer(new PredictionLogged(RequestIds.next(), Instant.now(), requestId, shadow.model(),
                shadow.version(), PredictionLogged.SHADOW, instances, answers, nanos / 1e6));
    }

    private MovingAverages register(String model) {
        MovingAverages moving = new MovingAverages();
        Gauge.builder("modelway_shadow_agreement_rate", moving, MovingAverages::agreement).tag("model", model)
                .description("Moving share of instances where the shadow version agreed").register(meters);
        Gauge.builder("modelway_shadow_latency_delta_seconds", moving, MovingAverages::latencyDelta).tag("model", model)
                .description("Moving difference of shadow minus primary latency").register(meters);
        return moving;
    }

    static boolean agree(Map<String, Object> primary, Map<String, Object> shadow) {
        if (primary.containsKey("label")) {
            return Objects.equals(primary.get("label"), shadow.get("label"));
        }
        String key = primary.containsKey("value") ? "value" : "score";
        if (!(primary.get(key) instanceof Number a) || !(shadow.get(key) instanceof Number b)) {
            return false;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
