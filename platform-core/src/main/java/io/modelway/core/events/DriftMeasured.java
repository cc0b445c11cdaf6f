package io.modelway.core.events;

import io.modelway.core.drift.FeatureDrift;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A window of a served model version's live inputs, measured against its training profile: how far each
 * feature moved, by each method. The monitor that measured it decides nothing; training-service, which holds
 * the model's drift policy and its runs, decides whether to retrain. {@code eventId} names the window.
 * {@code closedAt} is when the prediction that filled the window was logged.
 */
public record DriftMeasured(UUID eventId, Instant occurredAt, String model, int version, Instant closedAt, int rows,
        List<FeatureDrift> features) implements ModelwayEvent {

    public DriftMeasured {
        features = features == null ? List.of() : List.copyOf(features);
    }

    @Override
    public String key() {
        return model;
    }

    /** The largest statistic of {@code method} over the features; 0 when no feature was measured by it. */
    public double worst(String method) {
        return features.stream().filter(f -> f.method().equals(method)).mapToDouble(FeatureDrift::statistic).max()
                .orElse(0);
    }

    /** The feature with that largest statistic, or null. */
    public String worstFeature(String method) {
        return features.stream().filter(f -> f.method().equals(method))
                .max(Comparator.comparingDouble(FeatureDrift::statistic)).map(FeatureDrift::feature)
                .orElse(null);
    }
}
