package io.modelway.client;

import java.util.List;

/**
 * The answer to a predict call: one {@link Result} per instance, in order, and where it came from: the model
 * and version that answered, the SHA-256 of its artifact and the dataset version it was trained on.
 * {@code requestId} is what {@link ModelwayClient#feedback} joins ground truth to.
 */
public record Prediction(String model, int version, String requestId, String modelSha256, String dataset,
        Integer datasetVersion, String servedAs, List<Result> predictions) {
}
