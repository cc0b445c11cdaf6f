package io.modelway.dashboard.drift;

import io.modelway.core.drift.FeatureDrift;
import java.time.Instant;
import java.util.List;

/**
 * One closed window of a model version's live inputs, how far each feature drifted from training, and what
 * the retraining loop made of it ({@code below}, {@code above}, {@code requested}, {@code cooldown},
 * {@code budget_spent}, {@code history_unavailable}, {@code no_drift_trigger}, or {@code replayed} for a window
 * rebuilt after a start from predictions the loop had already seen). {@code closedAt} is when the prediction
 * that filled it was logged.
 */
public record DriftWindow(String model, int version, Instant closedAt, int rows, List<FeatureDrift> features,
        String retrain) {

    DriftWindow withRetrain(String outcome) {
        return new DriftWindow(model, version, closedAt, rows, features, outcome);
    }
}
