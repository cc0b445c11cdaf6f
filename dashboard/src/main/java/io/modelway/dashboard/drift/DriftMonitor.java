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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Compares what each served model version sees with what it was trained on. Predictions (shadow scoring
 * excluded) fill a window per model version, from all the partitions of the predictions this replica reads; every
 * {@code window-rows} rows the window is measured against the training profile (PSI and Kolmogorov-Smirnov for
 * numeric features, chi-square for categorical ones), exported as
 * {@code modelway_feature_drift{model,version,feature,method}}, kept for the console and sent to training-service
 * as a {@link DriftMeasured} event: training holds the drift policy and the run history, and decides. A window that
 * cannot be measured yet (its profile is being fetched) or sent (the broker is away) stays open and is tried again
 * with the next prediction; one that grows past {@value #MAX_WINDOWS} windows' rows that way is given up, counted in
 * {@code modelway_drift_windows_dropped_total{model,reason}}. What each partition contributed is its checkpoint's
 * part ({@link #state}); called on the thread that reads the topic.
 */
@Component
public class DriftMonitor {

    static final String BINDING = "training-out-0";
    private static final int MAX_WINDOWS = 4;
    /** Closed windows per model in each checkpoint: the console's chart after a restart, kept small to write often. */
    private static final int CHECKPOINTED_HISTORY = 20;
    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

    /** The open windows a partition contributed and the model's closed windows, as its checkpoint holds them. */
    public record State(List<OpenWindow> open, List<DriftWindow> closed) {

        public State {
            open = open == null ? List.of() : List.copyOf(open);
            closed = closed == null ? List.of() : List.copyOf(closed);
        }
    }

    private record Served(String model, int version) {
    }

    private final ReferenceProfiles profiles;
    private final StreamBridge bridge;
    private final DriftProperties properties;
    private final MeterRegistry meters;
    private final Map<Served, Map<Integer, LiveWindow>> windows = new HashMap<>();
    private final Map<String, Deque<DriftWindow>> history = new ConcurrentHashMap<>();
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>();
    private long closedWindows;

    DriftMonitor(ReferenceProfiles profiles, StreamBridge bridge, DriftProperties properties, MeterRegistry meters) {
        this.profiles = profiles;
        this.bridge = bridge;
        this.properties = properties;
        this.meters = meters;
    }

    /** A logged prediction, read once from {@code partition} of {@code modelway.predictions} at {@code offset}. */
    public synchronized void observe(int partition, long offset, PredictionLogged prediction) {
        if (PredictionLogged.SHADOW.equals(prediction.role())) {
            return;
        }
        Served served = new Served(prediction.model(), prediction.version());
        Map<Integer, LiveWindow> parts = windows.computeIfAbsent(served, k -> new TreeMap<>());
        LiveWindow part = parts.computeIfAbsent(partition, p -> new LiveWindow(offset));
        prediction.inputs().forEach(part::add);
        // Asked on every prediction, so the profile is fetched while the window fills.
        Optional<DatasetProfile> profile = profiles.of(prediction.model(), prediction.version());
        int rows = parts.values().stream().mapToInt(LiveWindow::rows).sum();
        if (rows < properties.windowRows()) {
            return;
        }
        boolean done = profile.isPresent() && close(served, parts, profile.get(), prediction.occurredAt());
        if (done) {
            windows.remove(served);
        } else if (rows >= MAX_WINDOWS * properties.windowRows()) {
            windows.remove(served);
            String reason = profile.isPresent() ? "not_sent" : "no_profile";
            meters.counter("modelway_drift_windows_dropped", "model", prediction.model(), "reason", reason).increment();
            log.warn("{} v{}: a drift window of {} rows given up ({})", prediction.model(), prediction.version(), rows,
                    reason);
        }
    }

    /** How many windows were closed and sent since the start. */
    public synchronized long closedWindows() {
        return closedWindows;
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

    /** What {@code partition} holds of the open windows, and the last closed windows of every model. */
    public synchronized State state(int partition) {
        List<OpenWindow> open = new ArrayList<>();
        windows.forEach((served, parts) -> {
            LiveWindow part = parts.get(partition);
            if (part != null) {
                open.add(part.state(served.model(), served.version()));
            }
        });
        List<DriftWindow> closed = new ArrayList<>();
        history.values().forEach(kept -> {
            synchronized (kept) {
                kept.stream().skip(Math.max(0, kept.size() - CHECKPOINTED_HISTORY)).forEach(closed::add);
            }
        });
        return new State(open, closed);
    }

    /** Takes a partition's part back from its checkpoint. */
    public synchronized void restore(int partition, State state) {
        for (OpenWindow open : state.open()) {
            windows.computeIfAbsent(new Served(open.model(), open.version()), k -> new TreeMap<>())
                    .put(partition, LiveWindow.from(open));
        }
        state.closed().stream().sorted(Comparator.comparing(DriftWindow::closedAt)).forEach(window -> {
            Deque<DriftWindow> kept = history.computeIfAbsent(window.model(), m -> new ArrayDeque<>());
            synchronized (kept) {
                if (kept.stream().noneMatch(w -> w.id().equals(window.id()))) {
                    keep(kept, window);
                }
            }
        });
    }

    /** Forgets a partition's part of the open windows: another replica reads it now. */
    public synchronized void release(int partition) {
        windows.values().forEach(parts -> parts.remove(partition));
        windows.values().removeIf(Map::isEmpty);
    }

    /** Measures the window and sends it; false when it could not be sent and stays open. */
    private boolean close(Served served, Map<Integer, LiveWindow> parts, DatasetProfile profile, Instant closedAt) {
        LiveWindow window = LiveWindow.merge(parts.values());
        List<FeatureDrift> drifts = measure(window, profile);
        DriftWindow closed = new DriftWindow(idOf(served, parts), served.model(), served.version(), closedAt,
                window.rows(), List.copyOf(drifts));
        if (!send(closed)) {
            return false;
        }
        closedWindows++;
        drifts.forEach(drift -> export(served.model(), served.version(), drift));
        Deque<DriftWindow> kept = history.computeIfAbsent(served.model(), m -> new ArrayDeque<>());
        synchronized (kept) {
            keep(kept, closed);
        }
        return true;
    }

    private void keep(Deque<DriftWindow> kept, DriftWindow window) {
        kept.addLast(window);
        while (kept.size() > properties.history()) {
            kept.removeFirst();
        }
    }

    /** The same predictions make the same window: its id follows from where each partition's part began. */
    private static UUID idOf(Served served, Map<Integer, LiveWindow> parts) {
        StringBuilder name = new StringBuilder("drift-window/").append(served.model()).append('/').append(served.version());
        parts.forEach((partition, part) -> name.append('/').append(partition).append('@').append(part.firstOffset()));
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
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
