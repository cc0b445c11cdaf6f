package io.modelway.dashboard.drift;

import io.modelway.core.drift.FeatureDrift;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One closed window of a model version's live inputs and how far each feature drifted from training. {@code id}
 * names it in the {@code DriftMeasured} event that carried it to training-service, which decides what to do
 * about it ({@code GET /api/training-specs/{model}/drift-decisions} there); it follows from the predictions that
 * filled the window, so a window measured again after a restart is the same event, decided on once.
 * {@code closedAt} is when the prediction that filled it was logged.
 */
public record DriftWindow(UUID id, String model, int version, Instant closedAt, int rows, List<FeatureDrift> features) {
}
