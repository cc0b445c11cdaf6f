package io.modelway.training.drift;

import io.modelway.core.api.training.DriftDecision;
import io.modelway.core.api.training.DriftDecision.Outcome;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.events.DriftMeasured;
import io.modelway.training.runs.RunQueue;
import io.modelway.training.specs.SpecRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes the loop: when a model's drift stays above its spec's threshold for the spec's number of windows in a
 * row, queues a run (reason {@code drift}) on the latest dataset version, and the promotion gate then decides
 * whether the new version serves. A cooldown between drift runs and a daily budget keep a persistent shift from
 * retraining without end. Everything the decision needs is in this service's database: the spec, the count of
 * windows above (its row locked while deciding, so replicas deciding at once take turns) and the drift runs
 * queued before, so the cooldown and budget hold across restarts and replicas of every service involved.
 */
@Service
public class DriftDecisions {

    private static final Logger log = LoggerFactory.getLogger(DriftDecisions.class);

    private final SpecRepository specs;
    private final DriftDecisionRepository decisions;
    private final RunQueue queue;

    DriftDecisions(SpecRepository specs, DriftDecisionRepository decisions, RunQueue queue) {
        this.specs = specs;
        this.decisions = decisions;
        this.queue = queue;
    }

    /** Decides on a measured window, in the caller's transaction (with its processed-event mark). */
    @Transactional(propagation = Propagation.REQUIRED)
    public DriftDecision decide(DriftMeasured window) {
        Optional<TrainingSpec.Drift> policy = specs.find(window.model())
                .filter(spec -> spec.triggeredBy("drift") && spec.drift() != null).map(TrainingSpec::drift);
        if (policy.isEmpty()) {
            return record(window, null, null, null, null, 0, Outcome.NO_DRIFT_TRIGGER, null);
        }
        TrainingSpec.Drift p = policy.get();
        double worst = window.worst(p.method());
        String feature = window.worstFeature(p.method());
        int above = decisions.lockAbove(window.model());
        Outcome outcome;
        UUID runId = null;
        if (worst <= p.threshold()) {
            above = 0;
            outcome = Outcome.BELOW;
        } else if (++above < p.windows()) {
            outcome = Outcome.ABOVE;
        } else {
            DriftDecisionRepository.RecentRetrains recent = decisions.recentRetrains(window.model(), p.cooldown());
            if (recent.coolingDown()) {
                outcome = Outcome.COOLDOWN;
            } else if (recent.today() >= p.maxRetrainsPerDay()) {
                outcome = Outcome.BUDGET_SPENT;
            } else {
                runId = queue.enqueue(window.model(), "drift", null, "trigger:drift");
                outcome = Outcome.REQUESTED;
                log.info("{}: {} of {} is {} above {} for {} windows; drift run {} queued", window.model(), p.method(),
                        feature, worst, p.threshold(), above, runId);
            }
        }
        DriftDecision decision = record(window, p.method(), worst, feature, p.threshold(), above, outcome, runId);
        decisions.saveAbove(window.model(), outcome == Outcome.REQUESTED ? 0 : above);
        return decision;
    }

    private DriftDecision record(DriftMeasured window, String method, Double worst, String feature, Double threshold,
            int above, Outcome outcome, UUID runId) {
        DriftDecision decision = new DriftDecision(window.eventId(), window.model(), window.version(),
                window.closedAt(), window.rows(), method, worst, feature, threshold, above, outcome, runId, Instant.now());
        decisions.insert(decision);
        return decision;
    }
}
