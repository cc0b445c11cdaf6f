package io.modelway.core.api.training;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What training-service made of one measured drift window ({@code windowId}, the {@code DriftMeasured} event's
 * id) of a model version: the largest statistic of the spec's method and its feature, the threshold it was held
 * against, how many windows in a row were above it, and the outcome; {@code runId} is the run a
 * {@code REQUESTED} decision queued. Without a drift policy, method, statistic and threshold are null.
 */
public record DriftDecision(UUID windowId, String model, int version, Instant closedAt, int rows, String method,
        Double statistic, String feature, Double threshold, int windowsAbove, Outcome outcome, UUID runId,
        Instant decidedAt) {

    /** The outcomes of a drift window, in the order a persistent shift meets them. */
    public enum Outcome {
        /** The spec has no {@code drift} trigger: measured, not acted on. */
        NO_DRIFT_TRIGGER,
        /** At or below the threshold: the count of windows in a row starts again. */
        BELOW,
        /** Above, for fewer windows in a row than the policy asks. */
        ABOVE,
        /** A drift run was queued. */
        REQUESTED,
        /** Would retrain, but a drift run was queued less than the cooldown ago. */
        COOLDOWN,
        /** Would retrain, but the drift runs of the last 24 hours reached the daily budget. */
        BUDGET_SPENT;

        /** The outcome as a metric tag value: {@code budget_spent}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
