package io.modelway.training.engine;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Trains a Deeplearning4j multi-layer network on rows encoded by the shared {@link FeaturePipeline}.
 * Deterministic: the seed fixes the split, the initial weights and the batch order, so the same inputs
 * give bit-identical weights on the same machine.
 */
public final class ModelTrainer {

    public TrainedModel train(ModelType type, FeaturePipeline pipeline, List<Map<String, String>> rows,
            TrainingParams params, EpochListener listener) {
        DatasetSplit<Map<String, String>> split = split(type, pipeline, rows, params);
        if (split.train().isEmpty() || split.holdout().isEmpty()) {
            throw new IllegalArgumentException("Dataset has " + rows.size() + " clean rows: too few to train and evaluate");
        }
        DataSet train = encode(type, pipeline, split.train());
        DataSet holdout = encode(type, pipeline, split.holdout());
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(type, pipeline, params));
        net.init();

        List<DataSet> batches = train.batchBy(params.batchSize());
        double bestLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int sinceBest = 0;
        int epoch = 0;
        while (epoch < params.epochs()) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
            epoch++;
            double trainLoss = net.score(train);
            double holdoutLoss = net.score(holdout);
            listener.onEpoch(epoch, params.epochs(), trainLoss, holdoutLoss);
            if (params.patience() > 0) {
                if (holdoutLoss < bestLoss - 1e-9) {
                    bestLoss = holdoutLoss;
                    bestParams = net.params().dup();
                    sinceBest = 0;
                } else if (++sinceBest >= params.patience()) {
                    break;
                }
            }
        }
        if (bestParams != null) {
            net.setParams(bestParams);
        }
        Map<String, Object> metrics = evaluate(type, pipeline, net, holdout);
        return new TrainedModel(NetworkArchive.write(net), metrics, epoch, split.holdout());
    }

    /** The holdout rows a run with these parameters kept aside: the same rows on every call. */
    public List<Map<String, String>> holdout(ModelType type, FeaturePipeline pipeline, List<Map<String, String>> rows,
            TrainingParams params) {
        return split(type, pipeline, rows, params).holdout();
    }

    private static DatasetSplit<Map<String, String>> split(ModelType type, FeaturePipeline pipeline,
            List<Map<String, String>> rows, TrainingParams params) {
        String labelColumn = pipeline.label().column();
        return DatasetSplit.of(rows, params.holdoutFraction(), params.seed(),
                type == ModelType.CLASSIFIER ? r -> r.get(labelColumn) : null);
    }

    /**
     * Scores a stored model (its network and its own feature pipeline) on the given rows, with the same metrics as
     * training: how the promotion gate compares an incumbent with a candidate on one holdout.
     */
    public Map<String, Object> score(ModelType type, FeaturePipeline pipeline, MultiLayerNetwork net,
            List<Map<String, String>> rows) {
        return evaluate(type, pipeline, net, encode(type, pipeline, rows));
    }

    private static MultiLayerConfiguration configuration(ModelType type, FeaturePipeline pipeline, TrainingParams params) {
        int inputs = pipeline.width();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(params.seed())
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(params.learningRate()))
                .l2(params.l2())
                .list();
        int previous = inputs;
        Activation activation = activation(params.activation());
        for (int size : params.hiddenLayers()) {
            layers.layer(new DenseLayer.Builder().nIn(previous).nOut(size).activation(activation).build());
            previous = size;
        }
        OutputLayer output = switch (type) {
            case CLASSIFIER -> new OutputLayer.Builder(LossFunction.MCXENT).nIn(previous)
                    .nOut(pipeline.label().classes().size()).activation(Activation.SOFTMAX).build();
            case REGRESSOR -> new OutputLayer.Builder(LossFunction.MSE).nIn(previous).nOut(1)
                    .activation(Activation.IDENTITY).build();
            case ANOMALY -> new OutputLayer.Builder(LossFunction.MSE).nIn(previous).nOut(inputs)
                    .activation(Activation.IDENTITY).build();
        };
        return layers.layer(output).build();
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            default -> Activation.RELU;
        };
    }

    private static DataSet encode(ModelType type, FeaturePipeline pipeline, List<Map<String, String>> rows) {
        int width = pipeline.width();
        float[][] features = new float[rows.size()][width];
        float[][] labels = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            pipeline.encodeInto(row, features[i], 0);
            labels[i] = switch (type) {
                case CLASSIFIER -> {
                    float[] oneHot = new float[pipeline.label().classes().size()];
                    oneHot[(int) pipeline.encodeLabel(row)] = 1f;
                    yield oneHot;
                }
                case REGRESSOR -> new float[] {pipeline.encodeLabel(row)};
                case ANOMALY -> features[i];
            };
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    private static Map<String, Object> evaluate(ModelType type, FeaturePipeline pipeline, MultiLayerNetwork net,
            DataSet holdout) {
        INDArray output = net.output(holdout.getFeatures(), false);
        float[][] predicted = output.toFloatMatrix();
        float[][] truth = holdout.getLabels().toFloatMatrix();
        return switch (type) {
            case CLASSIFIER -> {
                int[] classes = new int[truth.length];
                for (int i = 0; i < truth.length; i++) {
                    classes[i] = Evaluation.argmax(truth[i]);
                }
                yield Evaluation.classification(classes, predicted, pipeline.label().classes());
            }
            case REGRESSOR -> {
                double[] y = new double[truth.length];
                double[] yHat = new double[truth.length];
                for (int i = 0; i < truth.length; i++) {
                    y[i] = pipeline.decodeValue(truth[i][0]);
                    yHat[i] = pipeline.decodeValue(predicted[i][0]);
                }
                yield Evaluation.regression(y, yHat);
            }
            case ANOMALY -> {
                double[] errors = new double[truth.length];
                for (int i = 0; i < truth.length; i++) {
                    double sum = 0;
                    for (int j = 0; j < truth[i].length; j++) {
                        double d = truth[i][j] - predicted[i][j];
                        sum += d * d;
                    }
                    errors[i] = sum / truth[i].length;
                }
                yield Evaluation.reconstruction(errors);
            }
        };
    }

}
