package io.modelway.dashboard.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.drift.DriftMeasures;
import io.modelway.core.drift.FeatureDrift;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares what each served model version sees with what it was trained on. Predictions (shadow scoring
 * excluded) fill a window per model version; every
 * {@code window-rows} rows the window is measured against the training profile (PSI and Kolmogorov-Smirnov
 * for numeric features, chi-square for categorical ones), exported as
 * {@code modelway_feature_drift{model,version,feature,method}}, handed to the {@link DriftLoop} and kept for
 * the console.
 */
@Component
public class DriftMonitor {

    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

    private final ReferenceProfiles profiles;
    private final DriftLoop loop;
    private final DriftProperties properties;
    private final MeterRegistry meters;
    private final Map<String, LiveWindow> windows = new HashMap<>();
    private final Map<String, Deque<DriftWindow>> history = new ConcurrentHashMap<>();
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();

    DriftMonitor(ReferenceProfiles profiles, DriftLoop loop, DriftProperties properties, MeterRegistry meters) {
        this.profiles = profiles;
        this.loop = loop;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * A logged prediction, read once from {@code modelway.predictions}; {@code replayed} when it is read again
     * after a start to rebuild the windows, so that a window it closes does not ask for a retrain again.
     */
    public synchronized void observe(PredictionLogged prediction, boolean replayed) {
        if (PredictionLogged.SHADOW.equals(prediction.role())) {
            return;
        }
        String key = prediction.model() + "/" + prediction.version();
        LiveWindow window = windows.computeIfAbsent(key, k -> new LiveWindow());
        prediction.inputs().forEach(window::add);
        if (window.rows() >= properties.windowRows()) {
            windows.remove(key);
            close(prediction.model(), prediction.version(), window, prediction.occurredAt(), replayed);
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

    private void close(String model, int version, LiveWindow window, Instant closedAt, boolean replayed) {
        DatasetProfile profile;
        try {
            profile = profiles.of(model, version);
        } catch (RuntimeException e) {
            log.warn("No training profile for {} v{}; a window of {} rows is not measured: {}", model, version,
                    window.rows(), e.toString());
            return;
        }
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
        drifts.forEach(drift -> export(model, version, drift));
        DriftWindow closed = new DriftWindow(model, version, closedAt, window.rows(), List.copyOf(drifts), null);
        closed = closed.withRetrain(replayed ? loop.replayed(closed) : loop.consider(closed));
        Deque<DriftWindow> kept = history.computeIfAbsent(model, m -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(closed);
            while (kept.size() > properties.history()) {
                kept.removeFirst();
            }
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
