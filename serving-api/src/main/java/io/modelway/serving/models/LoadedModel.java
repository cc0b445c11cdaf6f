package io.modelway.serving.models;

import io.modelway.core.features.FeatureColumn;
import io.modelway.core.features.FeatureEncodingException;
import io.modelway.core.features.FeatureKind;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.serving.inference.Scorer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One model version ready to answer: its scorer, the feature pipeline it was trained with, and its
 * provenance (artifact SHA-256, dataset version). Immutable once loaded; a new version is a new object.
 */
public final class LoadedModel {

    private final String model;
    private final int version;
    private final String modelSha256;
    private final String dataset;
    private final Integer datasetVersion;
    private final FeaturePipeline pipeline;
    private final int width;
    private final Set<String> inputs;
    private final Scorer scorer;

    LoadedModel(String model, int version, String modelSha256, String dataset, Integer datasetVersion,
            FeaturePipeline pipeline, Scorer scorer) {
        this.model = model;
        this.version = version;
        this.modelSha256 = modelSha256;
        this.dataset = dataset;
        this.datasetVersion = datasetVersion;
        this.pipeline = pipeline;
        this.width = pipeline.width();
        // What a record may carry: the model's inputs, and the other columns of the table it was trained on.
        this.inputs = Stream.concat(pipeline.inputNames().stream(), pipeline.tableColumns().stream())
                .collect(Collectors.toUnmodifiableSet());
        this.scorer = scorer;
    }

    public String model() {
        return model;
    }

    public int version() {
        return version;
    }

    public String modelSha256() {
        return modelSha256;
    }

    public String dataset() {
        return dataset;
    }

    public Integer datasetVersion() {
        return datasetVersion;
    }

    public FeaturePipeline pipeline() {
        return pipeline;
    }

    /** Which engine scores this version: {@code java-dense} or {@code dl4j}. */
    public String engine() {
        return scorer.engine();
    }

    /** classifier, regressor or anomaly, as the pipeline's label says. */
    public String type() {
        if (pipeline.label().column() == null) {
            return "anomaly";
        }
        return pipeline.label().kind() == FeatureKind.CATEGORICAL ? "classifier" : "regressor";
    }

    /**
     * Encodes every instance under the policy, failing the request on the first bad one with the field named
     * as {@code instances[i].column}; nothing is scored unless all of them are valid.
     */
    public float[][] encode(List<Map<String, Object>> instances, InputPolicy policy) {
        float[][] x = new float[instances.size()][width];
        for (int i = 0; i < instances.size(); i++) {
            Map<String, Object> instance = instances.get(i);
            if (instance == null) {
                throw new FeatureEncodingException("instances[" + i + "]", "must be an object of input values");
            }
            if (!policy.ignoreExtraFields()) {
                for (String field : instance.keySet()) {
                    if (!inputs.contains(field)) {
                        throw new FeatureEncodingException("instances[" + i + "]." + field,
                                "is not an input of " + model + " v" + version + " nor a column of the table it was "
                                        + "trained on; its inputs are " + pipeline.inputNames());
                    }
                }
            }
            try {
                pipeline.encodeInto(instance, x[i], 0, policy.ignoreUnknownCategories());
            } catch (FeatureEncodingException e) {
                throw new FeatureEncodingException("instances[" + i + "]." + e.field(), e.getMessage());
            }
        }
        return x;
    }

    /** Scores encoded rows, batched with concurrent requests to this version. */
    public List<Map<String, Object>> predict(float[][] x) {
        float[][] y = scorer.output(x);
        List<Map<String, Object>> predictions = new ArrayList<>(y.length);
        for (int i = 0; i < y.length; i++) {
            predictions.add(answer(x[i], y[i]));
        }
        return predictions;
    }

    private Map<String, Object> answer(float[] x, float[] y) {
        Map<String, Object> prediction = new LinkedHashMap<>();
        switch (type()) {
            case "classifier" -> {
                List<String> classes = pipeline.label().classes();
                Map<String, Object> probabilities = new LinkedHashMap<>();
                int best = 0;
                for (int c = 0; c < classes.size(); c++) {
                    probabilities.put(classes.get(c), (double) y[c]);
                    if (y[c] > y[best]) {
                        best = c;
                    }
                }
                prediction.put("label", classes.get(best));
                prediction.put("probabilities", probabilities);
            }
            case "regressor" -> prediction.put("value", pipeline.decodeValue(y[0]));
            default -> {
                double sum = 0;
                for (int j = 0; j < x.length; j++) {
                    sum += (x[j] - y[j]) * (x[j] - y[j]);
                }
                prediction.put("score", sum / x.length);
            }
        }
        return prediction;
    }

    /**
     * Rows to warm up and check an engine with: a record of mean values and first categories, encoded, and
     * seven more with fixed pseudo-random offsets, so both signs reach every unit.
     */
    static float[][] checkRows(FeaturePipeline pipeline) {
        Map<String, Object> typical = new HashMap<>();
        for (FeatureColumn column : pipeline.features()) {
            typical.put(column.name(), switch (column.kind()) {
                case NUMERIC -> column.mean();
                case DATE -> "2000-01-01";
                case CATEGORICAL -> column.categories().isEmpty() ? "" : column.categories().get(0);
            });
        }
        float[] base = pipeline.encode(typical);
        java.util.Random random = new java.util.Random(42);
        float[][] rows = new float[8][];
        rows[0] = base;
        for (int r = 1; r < rows.length; r++) {
            rows[r] = base.clone();
            for (int j = 0; j < base.length; j++) {
                rows[r][j] += (float) (2 * random.nextGaussian());
            }
        }
        return rows;
    }

    /** Swapped out: its workers stop once the requests still holding it are answered. */
    void retire() {
        scorer.retire();
    }
}
