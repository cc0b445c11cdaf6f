package io.modelway.dashboard.drift;

import io.modelway.core.drift.FeatureDrift;
import java.time.Instant;
import java.util.List;

/** One closed window of a model version's live inputs, and how far each feature drifted from training. */
public record DriftWindow(String model, int version, Instant closedAt, int rows, List<FeatureDrift> features) {
}
