package io.modelway.serving.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference of a fully connected DL4J network (dense layers and a dense output layer, the networks Modelway
 * trains) in plain Java, on the network's own weights. Each DL4J {@code output()} call allocates native buffers
 * that the garbage collector must track: on two cores that cost hundreds of microseconds a call and young
 * collections of ~100 ms under load. This pass allocates only its result, is thread-safe (the weights are
 * read-only), and is used only after it reproduced DL4J's output on a check row; any other network is served
 * by DL4J itself through {@link BatchingPredictor}.
 */
public final class DenseForwardPass implements Scorer {

    private static final double TOLERANCE = 1e-5;

    private enum Function { IDENTITY, RELU, LEAKY_RELU, ELU, TANH, SIGMOID, SOFTMAX }

    private record DenseLayerWeights(float[][] weights, float[] bias, Function function, double alpha) {
    }

    private final List<DenseLayerWeights> layers;

    private DenseForwardPass(List<DenseLayerWeights> layers) {
        this.layers = layers;
    }

    /**
     * The pass for {@code net}, if every layer is dense with a supported activation and the pass reproduces
     * DL4J's output on {@code check} rows within 1e-5.
     */
    public static Optional<DenseForwardPass> of(MultiLayerNetwork net, float[][] check) {
        List<DenseLayerWeights> layers = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf instanceof DenseLayer || conf instanceof OutputLayer)) {
                return Optional.empty();
            }
            IActivation activation = ((BaseLayer) conf).getActivationFn();
            Function function;
            double alpha = 0;
            if (activation instanceof ActivationIdentity) {
                function = Function.IDENTITY;
            } else if (activation instanceof ActivationReLU) {
                // A ReLU with a threshold or cap would differ from max(0, x): the output check below refuses it.
                function = Function.RELU;
            } else if (activation instanceof ActivationLReLU leaky) {
                function = Function.LEAKY_RELU;
                alpha = leaky.getAlpha();
            } else if (activation instanceof ActivationELU elu) {
                function = Function.ELU;
                alpha = elu.getAlpha();
            } else if (activation instanceof ActivationTanH) {
                function = Function.TANH;
            } else if (activation instanceof ActivationSigmoid) {
                function = Function.SIGMOID;
            } else if (activation instanceof ActivationSoftmax) {
                function = Function.SOFTMAX;
            } else {
                return Optional.empty();
            }
            layers.add(new DenseLayerWeights(layer.getParam("W").toFloatMatrix(), layer.getParam("b").toFloatVector(),
                    function, alpha));
        }
        DenseForwardPass pass = new DenseForwardPass(List.copyOf(layers));
        float[][] expected = net.output(Nd4j.create(check), false).toFloatMatrix();
        float[][] actual = pass.output(check);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (Math.abs(expected[i][j] - actual[i][j]) > TOLERANCE) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(pass);
    }

    /** One output row per input row, on the caller's thread. */
    @Override
    public float[][] output(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            float[] activations = rows[r];
            for (DenseLayerWeights layer : layers) {
                activations = forward(layer, activations);
            }
            out[r] = activations;
        }
        return out;
    }

    private static float[] forward(DenseLayerWeights layer, float[] in) {
        float[][] w = layer.weights();
        int outputs = layer.bias().length;
        float[] z = layer.bias().clone();
        for (int i = 0; i < in.length; i++) {
            float x = in[i];
            if (x == 0f) {
                continue;
            }
            float[] row = w[i];
            for (int j = 0; j < outputs; j++) {
                z[j] += x * row[j];
            }
        }
        switch (layer.function()) {
            case IDENTITY -> { }
            case RELU -> {
                for (int j = 0; j < outputs; j++) {
                    z[j] = Math.max(0f, z[j]);
                }
            }
            case LEAKY_RELU -> {
                for (int j = 0; j < outputs; j++) {
                    z[j] = z[j] < 0 ? (float) (layer.alpha() * z[j]) : z[j];
                }
            }
            case ELU -> {
                for (int j = 0; j < outputs; j++) {
                    z[j] = z[j] < 0 ? (float) (layer.alpha() * (Math.exp(z[j]) - 1)) : z[j];
                }
            }
            case TANH -> {
                for (int j = 0; j < outputs; j++) {
                    z[j] = (float) Math.tanh(z[j]);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < outputs; j++) {
                    z[j] = (float) (1 / (1 + Math.exp(-z[j])));
                }
            }
            case SOFTMAX -> {
                float max = Float.NEGATIVE_INFINITY;
                for (float v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int j = 0; j < outputs; j++) {
                    z[j] = (float) Math.exp(z[j] - max);
                    sum += z[j];
                }
                for (int j = 0; j < outputs; j++) {
                    z[j] = (float) (z[j] / sum);
                }
            }
        }
        return z;
    }

    @Override
    public String engine() {
        return "java-dense";
    }

    @Override
    public void retire() {
        // Nothing to stop: the pass holds no threads or native memory.
    }
}
