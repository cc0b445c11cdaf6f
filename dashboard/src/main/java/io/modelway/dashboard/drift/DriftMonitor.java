package io.modelway.dashboard.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.drift.DriftMeasures;
import io.modelway.core.drift.FeatureDrift;
import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.profile.ColumnProfile;
import io.modelway.core.profile.DatasetProfile;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Compares what each served model version sees with what it was trained on. Predictions (shadow scoring
 * excluded) fill a window per model version; every {@code window-rows} rows the window is measured against the
 * training profile (PSI and Kolmogorov-Smirnov for numeric features, chi-square for categorical ones), exported
 * as {@code modelway_feature_drift{model,version,feature,method}}, kept for the console and sent to
 * training-service as a {@link DriftMeasured} event: training holds the drift policy and the run history, and
 * decides. A window that cannot be measured yet (its profile is being fetched) or sent (the broker is away)
 * stays open and is tried again with the next prediction; one that grows past {@value #MAX_WINDOWS} windows'
 * rows that way is given up, counted in {@code modelway_drift_windows_dropped_total{model,reason}}.
 */
@Component
public class DriftMonitor {

    static final String BINDING = "training-out-0";
    private static final int MAX_WINDOWS = 4;
    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

    private final ReferenceProfiles profiles;
    private final StreamBridge bridge;
    private final DriftProperties properties;
    private final MeterRegistry meters;
    private final Map<String, LiveWindow> windows = new HashMap<>();
    private final Map<String, Deque<DriftWindow>> history = new ConcurrentHashMap<>();
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();

    DriftMonitor(ReferenceProfiles profiles, StreamBridge bridge, DriftProperties properties, MeterRegistry meters) {
        this.profiles = profiles;
        this.bridge = bridge;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * A logged prediction, read once from {@code modelway.predictions}; {@code replayed} when it is read again
     * after a start to rebuild the windows, so that a window it closes is not sent to training a second time.
     */
    public synchronized void observe(PredictionLogged prediction, boolean replayed) {
        if (PredictionLogged.SHADOW.equals(prediction.role())) {
            return;
        }
        String key = prediction.model() + "/" + prediction.version();
        LiveWindow window = windows.computeIfAbsent(key, k -> new LiveWindow());
        prediction.inputs().forEach(window::add);
        // Asked on every prediction, so the profile is fetched while the window fills.
        Optional<DatasetProfile> profile = profiles.of(prediction.model(), prediction.version());
        if (window.rows() < properties.windowRows()) {
            return;
        }
        boolean done = profile.isPresent()
                && close(prediction.model(), prediction.version(), window, profile.get(), prediction.occurredAt(), replayed);
        if (done) {
            windows.remove(key);
        } else if (window.rows() >= MAX_WINDOWS * properties.windowRows()) {
            windows.remove(key);
            String reason = profile.isPresent() ? "not_sent" : "no_profile";
            meters.counter("modelway_drift_windows_dropped", "model", prediction.model(), "reason", reason).increment();
            log.warn("{} v{}: a drift window of {} rows given up ({})", prediction.model(), prediction.version(),
                    window.rows(), reason);
        }
    }

    /** Closed windows of the model, oldest first. */
    public List<DriftWindow> history(String model) {
        Deque<DriftWindow> windows = history.get(model);
        if (windows == null) {
            return List.of();
        }
        synchronized (windows) {
            return List.copyOf(windows);
        }
    }

    /** Measures the window and sends it (unless replayed); false when it could not be sent and stays open. */
    private boolean close(String model, int version, LiveWindow window, DatasetProfile profile, Instant closedAt,
            boolean replayed) {
        List<FeatureDrift> drifts = measure(window, profile);
        DriftWindow closed = new DriftWindow(UUID.randomUUID(), model, version, closedAt, window.rows(),
                List.copyOf(drifts), replayed);
        if (!replayed && !send(closed)) {
            return false;
        }
        drifts.forEach(drift -> export(model, version, drift));
        Deque<DriftWindow> kept = history.computeIfAbsent(model, m -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(closed);
            while (kept.size() > properties.history()) {
                kept.removeFirst();
            }
        }
        return true;
    }

    private static List<FeatureDrift> measure(LiveWindow window, DatasetProfile profile) {
        List<FeatureDrift> drifts = new ArrayList<>();
        for (ColumnProfile column : profile.columns()) {
            if (column.histogram() != null && !column.histogram().isEmpty()) {
                double[] live = window.numbers(column.name());
                if (live.length > 0) {
                    drifts.add(DriftMeasures.psi(column, live));
                    drifts.add(DriftMeasures.ks(column, live));
                }
            } else if (column.frequencies() != null && !column.frequencies().isEmpty()) {
                Map<String, Long> live = window.categories(column.name());
                if (!live.isEmpty()) {
                    drifts.add(DriftMeasures.chiSquare(column, live));
                }
            }
        }
        return drifts;
    }

    private boolean send(DriftWindow window) {
        DriftMeasured event = new DriftMeasured(window.id(), Instant.now(), window.model(), window.version(),
                window.closedAt(), window.rows(), window.features());
        try {
            return bridge.send(BINDING, EventMessages.toMessage(event));
        } catch (RuntimeException e) {
            // Whatever the binder throws for a broker that is away: the window stays open and goes with the next
            // prediction of its version.
            log.warn("{} v{}: drift window not sent to training yet: {}", window.model(), window.version(), e.toString());
            return false;
        }
    }

    private void export(String model, int version, FeatureDrift drift) {
        String key = model + "/" + version + "/" + drift.feature() + "/" + drift.method();
        double[] value = gauges.computeIfAbsent(key, k -> {
            double[] holder = new double[1];
            Gauge.builder("modelway_feature_drift", holder, h -> h[0])
                    .description("Drift of a feature's live values from the training profile, last window")
                    .tag("model", model).tag("version", Integer.toString(version)).tag("feature", drift.feature())
                    .tag("method", drift.method()).register(meters);
            return holder;
        });
        value[0] = drift.statistic();
    }
}
