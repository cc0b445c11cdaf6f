package io.modelway.training.feedback;

import java.time.Instant;

/**
 * A model's ground truth in training-service: the labelled predictions kept ({@code rows}), those in no dataset
 * version yet ({@code pending}, the oldest labelled at {@code oldestPending}), the newest label, and the latest
 * dataset version ground truth went into.
 */
public record GroundTruthStatus(String model, long rows, long pending, Instant oldestPending, Instant newestLabelledAt,
        Integer latestDatasetVersion) {
}
