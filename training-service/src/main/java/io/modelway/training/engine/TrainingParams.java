package io.modelway.training.engine;

import io.modelway.core.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of a run, every one with a default that trains the bundled samples well. Built from the
 * spec's free-form {@code params} map; anything out of range is a 400 naming {@code params.<name>}.
 * {@code holdoutFraction} is the test split (the metrics and the gate), {@code validationFraction} the rows that
 * decide early stopping: training stops after {@code patience} epochs without a better validation loss (0 trains
 * every epoch) and keeps the best epoch. {@code classWeights} weighs a classifier's classes against their
 * frequency: {@code balanced} inversely, {@code sqrt} (the default) by the square root of that, which lifts rare
 * classes without letting a class of one row swamp the loss, {@code none} not at all; {@code maxCategories}
 * categories are kept per column.
 */
public record TrainingParams(List<Integer> hiddenLayers, String activation, double learningRate, int epochs,
        int batchSize, double l2, long seed, double holdoutFraction, int patience, double validationFraction,
        String classWeights, int maxCategories) {

    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "leakyrelu", "elu");
    static final List<String> CLASS_WEIGHTS = List.of("balanced", "sqrt", "none");

    public static TrainingParams from(Map<String, Object> params) {
        Map<String, Object> p = params == null ? Map.of() : params;
        List<Integer> layers = layers(p.getOrDefault("hiddenLayers", List.of(32, 16)));
        String activation = String.valueOf(p.getOrDefault("activation", "relu")).toLowerCase(java.util.Locale.ROOT);
        if (!ACTIVATIONS.contains(activation)) {
            throw ApiException.badRequest("params.activation", "must be one of " + ACTIVATIONS);
        }
        // Adam's usual rate and a firmer weight decay than the bare minimum: on the wide one-hot inputs of real
        // tables (birdstrikes) 0.01 overfitted within two epochs; early stopping ends most runs well before 200.
        double learningRate = number(p, "learningRate", 0.001, 1e-6, 1.0);
        int epochs = (int) number(p, "epochs", 200, 1, 10_000);
        // 0: chosen by the size of the train split (see batchFor).
        int batchSize = (int) number(p, "batchSize", 0, 0, 100_000);
        double l2 = number(p, "l2", 1e-3, 0, 1);
        long seed = (long) number(p, "seed", 42, 0, Long.MAX_VALUE);
        double holdout = number(p, "holdoutFraction", 0.2, 0.05, 0.5);
        int patience = (int) number(p, "patience", 10, 0, 10_000);
        double validation = number(p, "validationFraction", 0.15, 0.05, 0.4);
        if (holdout + validation > 0.7) {
            throw ApiException.badRequest("params.validationFraction", "with holdoutFraction must leave at least 30% "
                    + "of the rows to train on");
        }
        String weights = String.valueOf(p.getOrDefault("classWeights", "sqrt")).toLowerCase(java.util.Locale.ROOT);
        if (!CLASS_WEIGHTS.contains(weights)) {
            throw ApiException.badRequest("params.classWeights", "must be one of " + CLASS_WEIGHTS);
        }
        int maxCategories = (int) number(p, "maxCategories", 32, 1, 1000);
        return new TrainingParams(layers, activation, learningRate, epochs, batchSize, l2, seed, holdout, patience,
                validation, weights, maxCategories);
    }

    /**
     * The batch size for a train split of {@code rows}: the one asked for, else 32, growing with the data so an
     * epoch is about 500 steps (flights-200k: 320), up to 1024.
     */
    public int batchFor(int rows) {
        return batchSize > 0 ? batchSize : Math.max(32, Math.min(1024, rows / 500));
    }

    /** The effective values, as recorded with the run and hashed into the manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hiddenLayers", hiddenLayers);
        m.put("activation", activation);
        m.put("learningRate", learningRate);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize == 0 ? "auto" : batchSize);
        m.put("l2", l2);
        m.put("seed", seed);
        m.put("holdoutFraction", holdoutFraction);
        m.put("patience", patience);
        m.put("validationFraction", validationFraction);
        m.put("classWeights", classWeights);
        m.put("maxCategories", maxCategories);
        return m;
    }

    private static List<Integer> layers(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 10) {
            throw ApiException.badRequest("params.hiddenLayers", "must be a list of 1 to 10 layer sizes");
        }
        List<Integer> sizes = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Number n) || n.intValue() < 1 || n.intValue() > 4096 || n.doubleValue() != n.intValue()) {
                throw ApiException.badRequest("params.hiddenLayers", "layer sizes must be whole numbers from 1 to 4096");
            }
            sizes.add(n.intValue());
        }
        return List.copyOf(sizes);
    }

    private static double number(Map<String, Object> p, String name, double fallback, double min, double max) {
        Object value = p.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw ApiException.badRequest("params." + name, "must be a number");
        }
        double x = n.doubleValue();
        if (x < min || x > max) {
            throw ApiException.badRequest("params." + name, "must be between " + min + " and " + max);
        }
        return x;
    }
}
