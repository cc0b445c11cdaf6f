package io.modelway.dashboard.drift;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.drift.FeatureDrift;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.TrainingRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Closes the loop: when a model's drift stays above its training spec's threshold for the spec's number of
 * windows in a row, asks for a retrain ({@code TrainingRequested}, reason {@code drift}) on the latest dataset
 * version; the promotion gate then decides whether the new version serves. A cooldown between requests and a
 * daily budget keep a persistent shift from retraining without end. Every decision is counted in
 * {@code modelway_drift_retrains_total{model,outcome}} and kept on the window.
 */
@Component
class DriftLoop {

    static final String BINDING = "training-out-0";
    private static final Logger log = LoggerFactory.getLogger(DriftLoop.class);

    private static final class State {
        boolean seeded;
        int above;
        Instant lastRequest;
        final Deque<Instant> requests = new ArrayDeque<>();
    }

    private final DriftPolicies policies;
    private final RetrainHistory history;
    private final StreamBridge bridge;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    DriftLoop(DriftPolicies policies, RetrainHistory history, StreamBridge bridge, MeterRegistry meters) {
        this.policies = policies;
        this.history = history;
        this.bridge = bridge;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /** A window rebuilt from predictions read again after a start: the loop decided on it before. */
    String replayed(DriftWindow window) {
        meters.counter("modelway_drift_retrains", "model", window.model(), "outcome", "replayed").increment();
        return "replayed";
    }

    /** Looks at a closed window; returns what the loop did: {@code below}, {@code above}, {@code requested}, ... */
    String consider(DriftWindow window) {
        Optional<DriftPolicies.Policy> policy = policies.of(window.model());
        if (policy.isEmpty()) {
            return "no_drift_trigger";
        }
        DriftPolicies.Policy p = policy.get();
        double worst = window.features().stream().filter(f -> f.method().equals(p.method()))
                .mapToDouble(FeatureDrift::statistic).max().orElse(0);
        State state = states.computeIfAbsent(window.model(), m -> new State());
        String outcome;
        synchronized (state) {
            Instant now = clock.instant();
            boolean known = seeded(window.model(), state, now);
            while (!state.requests.isEmpty() && state.requests.peekFirst().isBefore(now.minus(Duration.ofDays(1)))) {
                state.requests.removeFirst();
            }
            if (worst <= p.threshold()) {
                state.above = 0;
                outcome = "below";
            } else if (++state.above < p.windows()) {
                outcome = "above";
            } else if (!known) {
                // Without the runs already asked for, a request could break the cooldown or the budget: wait.
                outcome = "history_unavailable";
            } else if (state.lastRequest != null && state.lastRequest.plus(p.cooldown()).isAfter(now)) {
                outcome = "cooldown";
            } else if (state.requests.size() >= p.maxRetrainsPerDay()) {
                outcome = "budget_spent";
            } else {
                bridge.send(BINDING, EventMessages.toMessage(new TrainingRequested(UUID.randomUUID(), now,
                        window.model(), null, null, "drift", Map.of())));
                state.lastRequest = now;
                state.requests.addLast(now);
                state.above = 0;
                outcome = "requested";
                log.info("{}: {} {} above {} for {} windows; retrain requested", window.model(), p.method(), worst,
                        p.threshold(), p.windows());
            }
        }
        meters.counter("modelway_drift_retrains", "model", window.model(), "outcome", outcome).increment();
        return outcome;
    }

    /** On a model's first window in this process, takes the drift retrains of the last day from training-service. */
    private boolean seeded(String model, State state, Instant now) {
        if (state.seeded) {
            return true;
        }
        try {
            List<Instant> earlier = history.driftRetrainsSince(model, now.minus(Duration.ofDays(1)));
            state.requests.addAll(earlier);
            state.lastRequest = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
            state.seeded = true;
            return true;
        } catch (RestClientException e) {
            log.warn("{}: cannot read earlier drift retrains from training-service: {}", model, e.getMessage());
            return false;
        }
    }

}
