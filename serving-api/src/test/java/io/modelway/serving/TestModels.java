package io.modelway.serving;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.test.Samples;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Real Deeplearning4j models trained on the penguins sample, as a training run would register them. */
public final class TestModels {

    /** What the registry stores for a version: the network and the fitted feature pipeline. */
    public record Artifacts(byte[] modelZip, String pipelineJson) {
    }

    private static final List<Map<String, String>> PENGUINS = Samples.completeRows("penguins.csv");
    private static final List<Map<String, String>> ALL_PENGUINS = Samples.rows("penguins.csv");

    private TestModels() {
    }

    /** A classifier of {@code Species}; more epochs and units give a better one. */
    public static Artifacts penguinsClassifier(int seed, int epochs, int units) {
        return train(FeaturePipeline.fit(Samples.inferredSchema(PENGUINS), "Species", true, PENGUINS), seed, epochs, units, true);
    }

    /**
     * A classifier of {@code Species} trained on every row of the sample, its empty cells and {@code .} included:
     * its pipeline imputes what the table had missing.
     */
    public static Artifacts penguinsClassifierOnEveryRow(int seed, int epochs) {
        return train(FeaturePipeline.fit(Samples.inferredSchema(ALL_PENGUINS), "Species", true, ALL_PENGUINS),
                ALL_PENGUINS, seed, epochs, 16, true);
    }

    /** A regressor of {@code Body Mass (g)}. */
    public static Artifacts penguinsRegressor(int seed, int epochs) {
        return train(FeaturePipeline.fit(Samples.inferredSchema(PENGUINS), "Body Mass (g)", false, PENGUINS), seed, epochs, 16, false);
    }

    /** An anomaly model of penguins: an autoencoder of every input, with no label. */
    public static Artifacts penguinsAnomaly(int seed, int epochs) {
        FeaturePipeline pipeline = FeaturePipeline.fit(Samples.inferredSchema(PENGUINS), null, false, PENGUINS);
        float[][] x = new float[PENGUINS.size()][];
        for (int i = 0; i < PENGUINS.size(); i++) {
            x[i] = pipeline.encode(PENGUINS.get(i));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(pipeline.width()).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(pipeline.width())
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        DataSet data = new DataSet(Nd4j.create(x), Nd4j.create(x));
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(data);
        }
        return new Artifacts(NetworkArchive.write(net), pipeline.toJson());
    }

    private static Artifacts train(FeaturePipeline pipeline, int seed, int epochs, int units, boolean classifier) {
        return train(pipeline, PENGUINS, seed, epochs, units, classifier);
    }

    private static Artifacts train(FeaturePipeline pipeline, List<Map<String, String>> rows, int seed, int epochs,
            int units, boolean classifier) {
        int outputs = classifier ? pipeline.label().classes().size() : 1;
        float[][] x = new float[rows.size()][];
        float[][] y = new float[rows.size()][outputs];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = pipeline.encode(rows.get(i));
            float label = pipeline.encodeLabel(rows.get(i));
            if (classifier) {
                y[i][(int) label] = 1f;
            } else {
                y[i][0] = label;
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(pipeline.width()).nOut(units).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(classifier ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
                        .nIn(units).nOut(outputs).activation(classifier ? Activation.SOFTMAX : Activation.IDENTITY).build())
                .build());
        net.init();
        DataSet data = new DataSet(Nd4j.create(x), Nd4j.create(y));
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(data);
        }
        return new Artifacts(NetworkArchive.write(net), pipeline.toJson());
    }

    public static List<Map<String, String>> penguins() {
        return PENGUINS;
    }
}
