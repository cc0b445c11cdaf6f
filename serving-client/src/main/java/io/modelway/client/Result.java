package io.modelway.client;

import java.util.Map;

/**
 * One instance's prediction: {@code label} and {@code probabilities} from a classifier, {@code value} from a
 * regressor, {@code score} (reconstruction error) from an anomaly model; the others are null.
 */
public record Result(String label, Map<String, Double> probabilities, Double value, Double score) {
}
