package io.modelway.training.engine;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Trains a Deeplearning4j multi-layer network on rows encoded by the shared {@link FeaturePipeline}, honestly:
 * the weights are fitted on the train split, the validation split decides when to stop (the best epoch is kept),
 * and only the test split, which nothing else has seen, is scored, beside a trivial baseline (the majority class,
 * the mean) on the same rows. Deterministic: the seed fixes the split, the initial weights and the batch order,
 * so the same inputs give bit-identical weights on the same machine.
 */
public final class ModelTrainer {

    public TrainedModel train(ModelType type, FeaturePipeline pipeline, List<Map<String, String>> rows,
            TrainingParams params, EpochListener listener) {
        DatasetSplit<Map<String, String>> split = split(type, pipeline, rows, params);
        if (split.train().isEmpty() || split.test().isEmpty()) {
            throw new IllegalArgumentException("Dataset has " + rows.size() + " clean rows: too few to train and evaluate");
        }
        DataSet train = encode(type, pipeline, split.train());
        DataSet test = encode(type, pipeline, split.test());
        // Without rows to validate on (a tiny table), the training loss decides when to stop.
        DataSet validation = split.validation().isEmpty() ? train : encode(type, pipeline, split.validation());
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(type, pipeline, params, train));
        net.init();

        List<DataSet> batches = train.batchBy(params.batchFor(split.train().size()));
        double bestLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < params.epochs()) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
            epoch++;
            double trainLoss = net.score(train);
            double validationLoss = net.score(validation);
            listener.onEpoch(epoch, params.epochs(), trainLoss, validationLoss);
            if (validationLoss < bestLoss - 1e-9) {
                bestLoss = validationLoss;
                bestParams = net.params().dup();
                bestEpoch = epoch;
            } else if (params.patience() > 0 && epoch - bestEpoch >= params.patience()) {
                break;
            }
        }
        if (params.patience() > 0 && bestParams != null) {
            net.setParams(bestParams);
        } else {
            bestEpoch = epoch;
        }
        Map<String, Object> metrics = new LinkedHashMap<>(evaluate(type, pipeline, net, test));
        metrics.put("bestEpoch", bestEpoch);
        metrics.put("trainRows", split.train().size());
        metrics.put("validationRows", split.validation().size());
        baseline(type, train, test, pipeline).ifPresent(b -> metrics.put("baseline", b));
        return new TrainedModel(NetworkArchive.write(net), metrics, epoch, split.test());
    }

    /** The test rows a run with these parameters kept aside: the same rows on every call. */
    public List<Map<String, String>> holdout(ModelType type, FeaturePipeline pipeline, List<Map<String, String>> rows,
            TrainingParams params) {
        return split(type, pipeline, rows, params).test();
    }

    private static DatasetSplit<Map<String, String>> split(ModelType type, FeaturePipeline pipeline,
            List<Map<String, String>> rows, TrainingParams params) {
        String labelColumn = pipeline.label().column();
        return DatasetSplit.of(rows, params.holdoutFraction(), params.validationFraction(), params.seed(),
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

    /** The trivial model's scores on the test rows, fitted on the train rows; none for an anomaly model. */
    private static Optional<Map<String, Object>> baseline(ModelType type, DataSet train, DataSet test,
            FeaturePipeline pipeline) {
        float[][] trainLabels = train.getLabels().toFloatMatrix();
        float[][] testLabels = test.getLabels().toFloatMatrix();
        return switch (type) {
            case CLASSIFIER -> Optional.of(Evaluation.majorityBaseline(classes(trainLabels),
                    classes(testLabels), pipeline.label().classes()));
            case REGRESSOR -> Optional.of(Evaluation.meanBaseline(values(trainLabels, pipeline),
                    values(testLabels, pipeline)));
            case ANOMALY -> Optional.empty();
        };
    }

    private static int[] classes(float[][] oneHot) {
        int[] classes = new int[oneHot.length];
        for (int i = 0; i < oneHot.length; i++) {
            classes[i] = Evaluation.argmax(oneHot[i]);
        }
        return classes;
    }

    private static double[] values(float[][] scaled, FeaturePipeline pipeline) {
        double[] values = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            values[i] = pipeline.decodeValue(scaled[i][0]);
        }
        return values;
    }

    private static MultiLayerConfiguration configuration(ModelType type, FeaturePipeline pipeline, TrainingParams params,
            DataSet train) {
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
            case CLASSIFIER -> new OutputLayer.Builder(classLoss(params, train, pipeline.label().classes().size()))
                    .nIn(previous).nOut(pipeline.label().classes().size()).activation(Activation.SOFTMAX).build();
            case REGRESSOR -> new OutputLayer.Builder(LossFunction.MSE).nIn(previous).nOut(1)
                    .activation(Activation.IDENTITY).build();
            case ANOMALY -> new OutputLayer.Builder(LossFunction.MSE).nIn(previous).nOut(inputs)
                    .activation(Activation.IDENTITY).build();
        };
        return layers.layer(output).build();
    }

    /**
     * Cross-entropy, with class weights from the train split: {@code balanced} is {@code n / (k * n_c)}, so a class
     * of 1% of the rows weighs as much in the loss as one of 90%; {@code sqrt} its square root, so a rare class is
     * learned rather than ignored, without one row of a class swamping the loss (on birdstrikes, with a class of one
     * row, it gave a macro-F1 of 0.36 where balanced gave 0.26 and none 0.24).
     */
    private static LossMCXENT classLoss(TrainingParams params, DataSet train, int k) {
        if ("none".equals(params.classWeights())) {
            return new LossMCXENT();
        }
        int[] classes = classes(train.getLabels().toFloatMatrix());
        long[] counts = new long[k];
        for (int c : classes) {
            counts[c]++;
        }
        float[] weights = new float[k];
        for (int c = 0; c < k; c++) {
            double balanced = counts[c] == 0 ? 0 : (double) classes.length / (k * counts[c]);
            weights[c] = (float) ("sqrt".equals(params.classWeights()) ? Math.sqrt(balanced) : balanced);
        }
        return new LossMCXENT(Nd4j.create(weights));
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
            case CLASSIFIER -> Evaluation.classification(classes(truth), predicted, pipeline.label().classes());
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
