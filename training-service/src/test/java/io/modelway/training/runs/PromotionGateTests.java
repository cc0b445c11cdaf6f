package io.modelway.training.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.api.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTests {

    private static final TrainingSpec.Promotion ACCURACY = new TrainingSpec.Promotion("production", "accuracy", 0.9, 0.01);

    @Test
    void promotesTheFirstVersionThatReachesTheThreshold() {
        Map<String, Object> decision = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.95), 60, Optional.empty(),
                version -> {
                    throw new AssertionError("no incumbent to score");
                });

        assertThat(decision).containsEntry("promoted", true).containsEntry("candidate", 0.95)
                .containsEntry("holdoutRows", 60).containsEntry("reason", "no version held the alias");
    }

    @Test
    void failsClosedWhenTheIncumbentCannotBeReadNowAndSaysTheDecisionCanBeTakenAgain() {
        Map<String, Object> decision = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.99), 60, Optional.of(4),
                version -> {
                    throw new PromotionGate.Unavailable("the registry did not answer",
                            new org.springframework.web.client.ResourceAccessException("Read timed out"));
                });

        assertThat(decision).containsEntry("promoted", false).containsEntry("retryable", true)
                .containsEntry("incumbentVersion", 4);
        assertThat((String) decision.get("reason")).startsWith("not decided: version 4 could not be read to compare")
                .contains("Read timed out");
    }

    @Test
    void neverPromotesAModelThatDoesNotBeatItsTrivialBaseline() {
        TrainingSpec.Promotion macroF1 = new TrainingSpec.Promotion("production", "macroF1", null, null);
        Map<String, Object> baseline = Map.of("model", "majority class 'None'", "macroF1", 0.157, "accuracy", 0.894);

        Map<String, Object> tied = PromotionGate.decide(macroF1, Map.of("macroF1", 0.157, "baseline", baseline), 2000,
                Optional.empty(), version -> {
                    throw new AssertionError("the baseline decides first");
                });
        Map<String, Object> better = PromotionGate.decide(macroF1, Map.of("macroF1", 0.36, "baseline", baseline), 2000,
                Optional.empty(), version -> Map.of());
        TrainingSpec.Promotion rmse = new TrainingSpec.Promotion("production", "rmse", null, null);
        Map<String, Object> worseThanTheMean = PromotionGate.decide(rmse, Map.of("rmse", 12.0, "baseline",
                Map.of("model", "training mean 64.1", "rmse", 11.5)), 136, Optional.empty(), version -> Map.of());

        assertThat(tied).containsEntry("promoted", false).containsEntry("baseline", 0.157).containsEntry("reason",
                "macroF1 0.157 does not beat the trivial baseline (majority class 'None': 0.157 on the same test rows)");
        assertThat(better).containsEntry("promoted", true);
        assertThat(worseThanTheMean).containsEntry("promoted", false);
    }

    @Test
    void refusesAVersionBelowTheThreshold() {
        Map<String, Object> decision = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.85), 60, Optional.of(1),
                version -> Map.of("accuracy", 0.5));

        assertThat(decision).containsEntry("promoted", false)
                .containsEntry("reason", "accuracy 0.85 does not reach the threshold 0.9");
    }

    @Test
    void scoresTheIncumbentOnTheCandidatesHoldoutAndRequiresTheMargin() {
        List<Integer> scored = new ArrayList<>();
        Map<String, Object> tooClose = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.955), 60, Optional.of(3),
                version -> {
                    scored.add(version);
                    return Map.of("accuracy", 0.95);
                });
        Map<String, Object> clearlyBetter = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.97), 60, Optional.of(3),
                version -> Map.of("accuracy", 0.95));

        assertThat(scored).containsExactly(3);
        assertThat(tooClose).containsEntry("promoted", false).containsEntry("incumbentVersion", 3)
                .containsEntry("incumbent", 0.95).containsEntry("candidate", 0.955).containsEntry("margin", 0.01);
        assertThat(clearlyBetter).containsEntry("promoted", true).containsEntry("incumbent", 0.95);
    }

    @Test
    void aTieWithTheIncumbentIsNotBetterEvenWithoutAMargin() {
        TrainingSpec.Promotion noMargin = new TrainingSpec.Promotion("production", "accuracy", null, 0.0);

        Map<String, Object> tie = PromotionGate.decide(noMargin, Map.of("accuracy", 1.0), 69, Optional.of(3),
                version -> Map.of("accuracy", 1.0));
        TrainingSpec.Promotion rmse = new TrainingSpec.Promotion("production", "rmse", null, 0.0);

        assertThat(tie).containsEntry("promoted", false).containsEntry("reason",
                "accuracy 1.0 does not beat version 3 (1.0 on the same holdout) by the margin 0.0");
        assertThat(PromotionGate.decide(rmse, Map.of("rmse", 3.5), 40, Optional.of(1), v -> Map.of("rmse", 3.5)))
                .containsEntry("promoted", false);
    }

    @Test
    void lowerIsBetterForErrorMetrics() {
        TrainingSpec.Promotion rmse = new TrainingSpec.Promotion("production", "rmse", null, 0.0);

        assertThat(PromotionGate.decide(rmse, Map.of("rmse", 3.1), 40, Optional.of(1), v -> Map.of("rmse", 3.5)))
                .containsEntry("promoted", true);
        assertThat(PromotionGate.decide(rmse, Map.of("rmse", 3.9), 40, Optional.of(1), v -> Map.of("rmse", 3.5)))
                .containsEntry("promoted", false);
    }

    @Test
    void anIncumbentThatCannotReadTheHoldoutDoesNotBlockTheCandidate() {
        Map<String, Object> decision = PromotionGate.decide(ACCURACY, Map.of("accuracy", 0.95), 60, Optional.of(2),
                version -> {
                    throw new IllegalArgumentException("unknown category 'Atlantis' in Island");
                });

        assertThat(decision).containsEntry("promoted", true)
                .containsEntry("incumbentError", "IllegalArgumentException: unknown category 'Atlantis' in Island");
    }
}
