package io.modelway.training.engine;

import java.util.List;
import java.util.Map;

/**
 * The result of training: the network as a DL4J model.zip, its metrics on the holdout, how many epochs
 * ran, and the holdout rows themselves, so that another model can be scored on exactly the same rows.
 */
public record TrainedModel(byte[] modelZip, Map<String, Object> metrics, int epochsRun,
        List<Map<String, String>> holdout) {
}
