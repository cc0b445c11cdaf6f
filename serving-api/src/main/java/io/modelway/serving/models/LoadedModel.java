package io.modelway.serving.models;

import io.modelway.core.features.FeatureColumn;
import io.modelway.core.features.FeatureEncodingException;
import io.modelway.core.features.FeatureKind;
import io.modelway.core.features.FeaturePipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model version ready to answer: its network, the feature pipeline it was trained with, and its
 * provenance (artifact SHA-256, dataset version). Immutable once loaded; a new version is a new object.
 */
public final class LoadedModel {

    private final String model;
    private final int version;
    private final String modelSha256;
    private final String dataset;
    private final Integer datasetVersion;
    private final FeaturePipeline pipeline;
    private final MultiLayerNetwork net;

    LoadedModel(String model, int version, String modelSha256, String dataset, Integer datasetVersion,
            FeaturePipeline pipeline, MultiLayerNetwork net) {
        this.model = model;
        this.version = version;
        this.modelSha256 = modelSha256;
        this.dataset = dataset;
        this.datasetVersion = datasetVersion;
        this.pipeline = pipeline;
        this.net = net;
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

    /** classifier, regressor or anomaly, as the pipeline's label says. */
    public String type() {
        if (pipeline.label().column() == null) {
            return "anomaly";
        }
        return pipeline.label().kind() == FeatureKind.CATEGORICAL ? "classifier" : "regressor";
    }

    /**
     * Predicts a batch in one forward pass. An instance that cannot be encoded fails the whole request
     * with the field named as {@code instances[i].column}.
     */
    public List<Map<String, Object>> predict(List<Map<String, Object>> instances) {
        int width = pipeline.width();
        float[][] x = new float[instances.size()][width];
        for (int i = 0; i < instances.size(); i++) {
            try {
                pipeline.encodeInto(instances.get(i), x[i], 0);
            } catch (FeatureEncodingException e) {
                throw new FeatureEncodingException("instances[" + i + "]." + e.field(), e.getMessage());
            }
        }
        float[][] y = output(x);
        List<Map<String, Object>> predictions = new ArrayList<>(y.length);
        for (int i = 0; i < y.length; i++) {
            predictions.add(answer(x[i], y[i]));
        }
        return predictions;
    }

    private float[][] output(float[][] x) {
        INDArray out = net.output(Nd4j.create(x), false);
        return out.toFloatMatrix();
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

    /** Runs one typical record through the network so the first real request pays no warm-up cost. */
    void warmUp() {
        Map<String, Object> typical = new HashMap<>();
        for (FeatureColumn column : pipeline.features()) {
            typical.put(column.name(), column.kind() == FeatureKind.NUMERIC ? (Object) column.mean()
                    : column.categories().isEmpty() ? "" : column.categories().get(0));
        }
        predict(List.of(typical));
    }
}
