package io.modelway.serving.predict;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.web.ApiException;
import io.modelway.serving.ServingProperties;
import io.modelway.serving.models.InputPolicy;
import io.modelway.serving.models.LoadedModel;
import io.modelway.serving.models.ModelRoute;
import io.modelway.serving.models.ServedModels;
import io.modelway.serving.predictionlog.PredictionLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers a batch of instances for every protocol alike: picks the version (the route's primary or canary, or
 * the one asked for), validates and encodes the instances with that version's pipeline, scores them, logs the
 * prediction and hands the request to the shadow version if there is one.
 */
@Service
public class Predictions {

    private final ServedModels models;
    private final ServingProperties properties;
    private final PredictionLog predictionLog;
    private final ShadowScoring shadows;
    private final MeterRegistry meters;
    /** A registered timer per model, version and protocol: looked up in the registry once, not on every request. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String model, int version, String protocol) {
    }

    Predictions(ServedModels models, ServingProperties properties, PredictionLog predictionLog, ShadowScoring shadows,
            MeterRegistry meters) {
        this.models = models;
        this.properties = properties;
        this.predictionLog = predictionLog;
        this.shadows = shadows;
        this.meters = meters;
    }

    /**
     * @param version null for the served alias (and its canary share), or a version number
     * @param protocol {@code modelway}, {@code v2} or {@code mlflow}, for the metrics
     */
    public Prediction predict(String model, Integer version, List<Map<String, Object>> instances, String protocol) {
        long start = System.nanoTime();
        if (instances == null || instances.isEmpty()) {
            throw ApiException.badRequest("instances", "must be a non-empty array of objects");
        }
        if (instances.size() > properties.maxBatch()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "instances", instances.size()
                    + " instances; at most " + properties.maxBatch() + " per request");
        }
        ModelRoute route = models.route(model).orElse(null);
        LoadedModel target;
        String role;
        if (version != null) {
            target = models.version(model, version);
            role = PredictionLogged.EXPLICIT;
        } else {
            if (route == null) {
                throw ApiException.notFound("Model '" + model + "' is not served here: no version holds its '"
                        + properties.alias() + "' alias");
            }
            target = route.pick();
            role = route.isCanary(target) ? PredictionLogged.CANARY : PredictionLogged.PRIMARY;
        }
        InputPolicy policy = route == null ? InputPolicy.STRICT : route.policy();
        float[][] x = target.encode(instances, policy);
        List<Map<String, Object>> predictions = target.predict(x);
        long nanos = System.nanoTime() - start;
        String requestId = RequestIds.requestId(model, target.version());
        timers.computeIfAbsent(new TimerKey(model, target.version(), protocol), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
        predictionLog.offer(new PredictionLogged(RequestIds.next(), Instant.now(), requestId, model,
                target.version(), role, instances, predictions, nanos / 1e6));
        if (route != null && route.shadow() != null && version == null && route.shadow() != target) {
            shadows.submit(requestId, route.shadow(), policy, instances, predictions, nanos);
        }
        return new Prediction(requestId, target, role, predictions);
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("modelway_predict").description("Prediction requests answered, by model and version")
                .tag("model", key.model()).tag("version", Integer.toString(key.version())).tag("protocol", key.protocol())
                .publishPercentileHistogram().register(meters);
    }
}
