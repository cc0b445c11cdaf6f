package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a freshly registered version takes the spec's alias: its metric must reach the spec's
 * threshold and beat the alias's current version by the margin, both scored on the candidate's own
 * frozen holdout (the same rows, the same metric code). The decision and both scores are recorded with
 * the run.
 */
final class PromotionGate {

    /** Scores a registered version on the candidate's holdout. */
    interface IncumbentScorer {
        Map<String, Object> score(int version);
    }

    private PromotionGate() {
    }

    static Map<String, Object> decide(TrainingSpec.Promotion rule, Map<String, Object> metrics, int holdoutRows,
            Optional<Integer> incumbent, IncumbentScorer scorer) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("alias", rule.alias());
        decision.put("metric", rule.metric());
        decision.put("holdoutRows", holdoutRows);
        boolean higher = rule.higherIsBetter();
        if (!(metrics.get(rule.metric()) instanceof Number candidateNumber)) {
            return refuse(decision, "the run has no metric '" + rule.metric() + "'");
        }
        double candidate = candidateNumber.doubleValue();
        decision.put("candidate", candidate);
        if (rule.threshold() != null && (higher ? candidate < rule.threshold() : candidate > rule.threshold())) {
            return refuse(decision, rule.metric() + " " + candidate + " does not reach the threshold " + rule.threshold());
        }
        if (incumbent.isEmpty()) {
            decision.put("promoted", true);
            decision.put("reason", "no version held the alias");
            return decision;
        }
        int version = incumbent.get();
        decision.put("incumbentVersion", version);
        Map<String, Object> incumbentMetrics;
        try {
            incumbentMetrics = scorer.score(version);
        } catch (RuntimeException e) {
            // An incumbent that cannot read today's rows (a new category, a changed column) cannot win on them.
            decision.put("incumbentError", e.getClass().getSimpleName() + ": " + e.getMessage());
            decision.put("promoted", true);
            decision.put("reason", "version " + version + " cannot be scored on this holdout");
            return decision;
        }
        if (!(incumbentMetrics.get(rule.metric()) instanceof Number incumbentNumber)) {
            decision.put("promoted", true);
            decision.put("reason", "version " + version + " has no metric '" + rule.metric() + "'");
            return decision;
        }
        double current = incumbentNumber.doubleValue();
        double margin = rule.margin() == null ? 0 : rule.margin();
        decision.put("incumbent", current);
        decision.put("margin", margin);
        boolean better = higher ? candidate >= current + margin : candidate <= current - margin;
        if (!better) {
            return refuse(decision, rule.metric() + " " + candidate + " does not beat version " + version + " ("
                    + current + " on the same holdout) by the margin " + margin);
        }
        decision.put("promoted", true);
        decision.put("reason", rule.metric() + " " + candidate + " beats version " + version + " (" + current
                + " on the same holdout) by the margin " + margin);
        return decision;
    }

    private static Map<String, Object> refuse(Map<String, Object> decision, String reason) {
        decision.put("promoted", false);
        decision.put("reason", reason);
        return decision;
    }
}
