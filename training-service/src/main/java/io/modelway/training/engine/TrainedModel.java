package io.modelway.training.engine;

import java.util.Map;

/** The result of training: the network as a DL4J model.zip, its holdout metrics, and how many epochs ran. */
public record TrainedModel(byte[] modelZip, Map<String, Object> metrics, int epochsRun) {
}
