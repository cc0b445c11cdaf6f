package io.modelway.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTests {

    @Test
    void computesAccuracyMacroF1AndConfusionMatrix() {
        int[] truth = {0, 0, 1, 1};
        float[][] p = {{0.9f, 0.1f}, {0.4f, 0.6f}, {0.2f, 0.8f}, {0.3f, 0.7f}};
        Map<String, Object> m = Evaluation.classification(truth, p, List.of("x", "y"));
        assertThat((double) m.get("accuracy")).isEqualTo(0.75);
        // class x: tp 1, fn 1, fp 0 -> F1 2/3; class y: tp 2, fp 1 -> F1 0.8
        assertThat((double) m.get("macroF1")).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-9));
        assertThat(m.get("confusionMatrix")).isEqualTo(List.of(List.of(1L, 1L), List.of(0L, 2L)));
        double logLoss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.7)) / 4;
        assertThat((double) m.get("logLoss")).isCloseTo(logLoss, within(1e-6));
    }

    @Test
    void computesRegressionErrors() {
        Map<String, Object> m = Evaluation.regression(new double[] {1, 2, 3}, new double[] {1, 2, 6});
        assertThat((double) m.get("rmse")).isCloseTo(Math.sqrt(3), within(1e-9));
        assertThat((double) m.get("mae")).isCloseTo(1, within(1e-9));
        assertThat((double) m.get("r2")).isCloseTo(1 - 9.0 / 2, within(1e-9));
    }
}
