package io.modelway.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.serving.TestModels;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class DenseForwardPassTests {

    private static float[][] encoded(FeaturePipeline pipeline) {
        List<Map<String, String>> penguins = TestModels.penguins();
        float[][] rows = new float[penguins.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pipeline.encode(penguins.get(i));
        }
        return rows;
    }

    private static void assertSameAsDl4j(MultiLayerNetwork net, float[][] rows) {
        DenseForwardPass pass = DenseForwardPass.of(net, new float[][] {rows[0], rows[1]}).orElseThrow();
        float[][] expected = net.output(Nd4j.create(rows), false).toFloatMatrix();
        float[][] actual = pass.output(rows);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).as("row %d output %d", i, j)
                        .isCloseTo(expected[i][j], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void reproducesDl4jOnEveryPenguinForAClassifier() {
        TestModels.Artifacts model = TestModels.penguinsClassifier(41, 60, 16);
        MultiLayerNetwork net = NetworkArchive.read(model.modelZip(), Long.MAX_VALUE);
        assertSameAsDl4j(net, encoded(FeaturePipeline.fromJson(model.pipelineJson())));
    }

    @Test
    void reproducesDl4jForARegressor() {
        TestModels.Artifacts model = TestModels.penguinsRegressor(42, 30);
        MultiLayerNetwork net = NetworkArchive.read(model.modelZip(), Long.MAX_VALUE);
        assertSameAsDl4j(net, encoded(FeaturePipeline.fromJson(model.pipelineJson())));
    }

    @Test
    void reproducesDl4jForEveryActivationTrainingOffers() {
        FeaturePipeline pipeline = FeaturePipeline.fromJson(TestModels.penguinsClassifier(43, 1, 4).pipelineJson());
        float[][] rows = encoded(pipeline);
        for (Activation activation : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.LEAKYRELU,
                Activation.ELU)) {
            // An autoencoder's shape: inputs -> 6 -> 3 -> 6 -> inputs, identity output.
            NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(7).list();
            int previous = pipeline.width();
            for (int units : List.of(6, 3, 6)) {
                layers.layer(new DenseLayer.Builder().nIn(previous).nOut(units).activation(activation).build());
                previous = units;
            }
            layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(previous).nOut(pipeline.width())
                    .activation(Activation.IDENTITY).build());
            MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
            net.init();
            assertSameAsDl4j(net, rows);
        }
    }

    @Test
    void refusesANetworkItCannotReproduce() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTPLUS).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();

        assertThat(DenseForwardPass.of(net, new float[][] {{1, 2, 3, 4}})).isEmpty();
    }
}
