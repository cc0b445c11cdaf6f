package io.modelway.training.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Quality metrics of a trained model on its holdout rows, in the names the registry and dashboard show. */
public final class Evaluation {

    private Evaluation() {
    }

    /** accuracy, macroF1, logLoss, confusionMatrix (rows = true class, columns = predicted), classes. */
    public static Map<String, Object> classification(int[] truth, float[][] probabilities, List<String> classes) {
        int k = classes.size();
        long[][] confusion = new long[k][k];
        double logLoss = 0;
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            int predicted = argmax(probabilities[i]);
            confusion[truth[i]][predicted]++;
            correct += predicted == truth[i] ? 1 : 0;
            logLoss -= Math.log(Math.max(1e-15, probabilities[i][truth[i]]));
        }
        double f1Sum = 0;
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long fp = 0;
            long fn = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fp += confusion[o][c];
                    fn += confusion[c][o];
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            f1Sum += f1;
            perClass.put(classes.get(c), Map.of("precision", tp + fp == 0 ? 0.0 : (double) tp / (tp + fp),
                    "recall", tp + fn == 0 ? 0.0 : (double) tp / (tp + fn), "f1", f1, "support", tp + fn));
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", truth.length == 0 ? 0 : (double) correct / truth.length);
        metrics.put("macroF1", k == 0 ? 0 : f1Sum / k);
        metrics.put("logLoss", truth.length == 0 ? 0 : logLoss / truth.length);
        metrics.put("perClass", perClass);
        metrics.put("confusionMatrix", Arrays.stream(confusion).map(row -> Arrays.stream(row).boxed().toList()).toList());
        metrics.put("classes", classes);
        metrics.put("holdoutRows", truth.length);
        return metrics;
    }

    /**
     * A classifier's trivial baseline on the same test rows: every row gets the training split's class frequencies,
     * so it predicts the majority class (accuracy, macroF1) and scores the prior's log loss.
     */
    public static Map<String, Object> majorityBaseline(int[] trainClasses, int[] truth, List<String> classes) {
        float[] prior = new float[classes.size()];
        for (int c : trainClasses) {
            prior[c] += 1f / trainClasses.length;
        }
        float[][] probabilities = new float[truth.length][];
        Arrays.fill(probabilities, prior);
        Map<String, Object> scored = classification(truth, probabilities, classes);
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("model", "majority class '" + classes.get(argmax(prior)) + "'");
        for (String metric : List.of("accuracy", "macroF1", "logLoss")) {
            baseline.put(metric, scored.get(metric));
        }
        return baseline;
    }

    /** A regressor's trivial baseline on the same test rows: the training split's mean for every row. */
    public static Map<String, Object> meanBaseline(double[] trainLabels, double[] truth) {
        double mean = Arrays.stream(trainLabels).average().orElse(0);
        double[] predicted = new double[truth.length];
        Arrays.fill(predicted, mean);
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("model", "training mean " + mean);
        Map<String, Object> scored = regression(truth, predicted);
        for (String metric : List.of("rmse", "mae", "r2")) {
            baseline.put(metric, scored.get(metric));
        }
        return baseline;
    }

    /** rmse, mae, r2 in the label's own units. */
    public static Map<String, Object> regression(double[] truth, double[] predicted) {
        double mean = Arrays.stream(truth).average().orElse(0);
        double se = 0;
        double ae = 0;
        double ss = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            se += e * e;
            ae += Math.abs(e);
            ss += (truth[i] - mean) * (truth[i] - mean);
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        int n = Math.max(1, truth.length);
        metrics.put("rmse", Math.sqrt(se / n));
        metrics.put("mae", ae / n);
        metrics.put("r2", ss == 0 ? 0 : 1 - se / ss);
        metrics.put("holdoutRows", truth.length);
        return metrics;
    }

    /** Reconstruction-error quantiles; {@code threshold} (p99 of the holdout) is the default anomaly cut-off. */
    public static Map<String, Object> reconstruction(double[] errors) {
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("reconstructionErrorMean", Arrays.stream(sorted).average().orElse(0));
        metrics.put("reconstructionErrorP50", quantile(sorted, 0.5));
        metrics.put("reconstructionErrorP95", quantile(sorted, 0.95));
        metrics.put("reconstructionErrorP99", quantile(sorted, 0.99));
        metrics.put("threshold", quantile(sorted, 0.99));
        metrics.put("holdoutRows", errors.length);
        return metrics;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
