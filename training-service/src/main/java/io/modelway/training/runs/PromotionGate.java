package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a freshly registered version takes the spec's alias: its metric must reach the spec's
 * threshold, beat the run's trivial baseline (majority class, mean) and beat the alias's current version by more
 * than the margin (a tie never promotes), all scored on the candidate's own frozen test rows (the same rows, the
 * same metric code). The decision and both scores are recorded with the run. The gate fails closed: when the incumbent cannot be read for a reason that may pass (the registry
 * or the store is unreachable), nothing is promoted, and the decision says why and that it can be taken again.
 */
final class PromotionGate {

    /** Scores a registered version on the candidate's holdout. */
    interface IncumbentScorer {
        Map<String, Object> score(int version);
    }

    /** The incumbent could not be read now, for a reason that may pass: no decision can be taken. */
    static final class Unavailable extends RuntimeException {

        Unavailable(String what, RuntimeException cause) {
            super(what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    private PromotionGate() {
    }

    static Map<String, Object> decide(TrainingSpec.Promotion rule, Map<String, Object> metrics, int holdoutRows,
            Optional<Integer> incumbent, IncumbentScorer scorer) {
        return decide(rule, metrics, holdoutRows, null, incumbent, scorer);
    }

    /** As above, for the registered {@code candidateVersion}, which the alias may hold already. */
    static Map<String, Object> decide(TrainingSpec.Promotion rule, Map<String, Object> metrics, int holdoutRows,
            Integer candidateVersion, Optional<Integer> incumbent, IncumbentScorer scorer) {
        Map<String, Object> decision = againstIncumbent(rule, metrics, holdoutRows, candidateVersion, incumbent, scorer);
        if (!Boolean.TRUE.equals(decision.get("promoted"))) {
            return decision;
        }
        // Whatever the incumbent, a model no better than the trivial one on the same rows never serves.
        if (metrics.get("baseline") instanceof Map<?, ?> baseline && baseline.get(rule.metric()) instanceof Number trivial) {
            double candidate = ((Number) decision.get("candidate")).doubleValue();
            double floor = trivial.doubleValue();
            decision.put("baseline", floor);
            if (rule.higherIsBetter() ? candidate <= floor : candidate >= floor) {
                return refuse(decision, rule.metric() + " " + candidate + " does not beat the trivial baseline ("
                        + baseline.get("model") + ": " + floor + " on the same test rows)");
            }
        }
        return decision;
    }

    private static Map<String, Object> againstIncumbent(TrainingSpec.Promotion rule, Map<String, Object> metrics,
            int holdoutRows, Integer candidateVersion, Optional<Integer> incumbent, IncumbentScorer scorer) {
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
        if (candidateVersion != null && candidateVersion == version) {
            // A decision taken again after the alias came to the candidate: it is not compared with itself.
            decision.put("promoted", true);
            decision.put("reason", "version " + version + " holds the alias already");
            return decision;
        }
        Map<String, Object> incumbentMetrics;
        try {
            incumbentMetrics = scorer.score(version);
        } catch (Unavailable e) {
            return notTaken(decision, "version " + version + " could not be read to compare: " + e.getMessage());
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
        // Equal is not better: a tie would move the alias, and every consumer of it, for nothing.
        boolean better = higher ? candidate > current + margin : candidate < current - margin;
        if (!better) {
            return refuse(decision, rule.metric() + " " + candidate + " does not beat version " + version + " ("
                    + current + " on the same holdout) by the margin " + margin);
        }
        decision.put("promoted", true);
        decision.put("reason", rule.metric() + " " + candidate + " beats version " + version + " (" + current
                + " on the same holdout) by the margin " + margin);
        return decision;
    }

    /**
     * No decision: nothing was promoted because the gate could not compare or could not move the alias safely. The
     * run records why; {@code POST /api/training-runs/{runId}/promotion} takes the decision again.
     */
    static Map<String, Object> notTaken(Map<String, Object> decision, String reason) {
        decision.put("promoted", false);
        decision.put("retryable", true);
        decision.put("reason", "not decided: " + reason);
        return decision;
    }

    /** A decision without any comparison, when even the alias could not be read. */
    static Map<String, Object> notTaken(TrainingSpec.Promotion rule, String reason) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("alias", rule.alias());
        decision.put("metric", rule.metric());
        return notTaken(decision, reason);
    }

    private static Map<String, Object> refuse(Map<String, Object> decision, String reason) {
        decision.put("promoted", false);
        decision.put("reason", reason);
        return decision;
    }
}
