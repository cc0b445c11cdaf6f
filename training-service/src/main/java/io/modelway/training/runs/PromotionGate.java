package io.modelway.training.runs;

import io.modelway.training.clients.RegistryClient;
import io.modelway.training.specs.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a freshly registered version takes the spec's alias: its metric must reach the spec's
 * threshold and be at least as good as the incumbent's by the margin. The decision and both scores are
 * recorded with the run.
 */
final class PromotionGate {

    private static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "macroF1", "r2");

    private PromotionGate() {
    }

    static Map<String, Object> decide(TrainingSpec.Promotion rule, String model, Map<String, Object> metrics,
            RegistryClient registry) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("alias", rule.alias());
        decision.put("metric", rule.metric());
        boolean higher = HIGHER_IS_BETTER.contains(rule.metric());
        Object value = metrics.get(rule.metric());
        if (!(value instanceof Number candidateNumber)) {
            decision.put("promoted", false);
            decision.put("reason", "the run has no metric '" + rule.metric() + "'");
            return decision;
        }
        double candidate = candidateNumber.doubleValue();
        decision.put("candidate", candidate);
        if (rule.threshold() != null && (higher ? candidate < rule.threshold() : candidate > rule.threshold())) {
            decision.put("promoted", false);
            decision.put("reason", rule.metric() + " " + candidate + " does not reach the threshold " + rule.threshold());
            return decision;
        }
        Optional<Integer> incumbent = registry.alias(model, rule.alias());
        if (incumbent.isPresent()) {
            JsonNode incumbentMetric = registry.metrics(model, incumbent.get()).path(rule.metric());
            if (incumbentMetric.isNumber()) {
                double current = incumbentMetric.asDouble();
                double margin = rule.margin() == null ? 0 : rule.margin();
                decision.put("incumbentVersion", incumbent.get());
                decision.put("incumbent", current);
                boolean better = higher ? candidate >= current + margin : candidate <= current - margin;
                if (!better) {
                    decision.put("promoted", false);
                    decision.put("reason", rule.metric() + " " + candidate + " does not beat version " + incumbent.get()
                            + " (" + current + ") by the margin " + margin);
                    return decision;
                }
            }
        }
        decision.put("promoted", true);
        decision.put("reason", incumbent.isPresent() ? "beats the incumbent" : "no version held the alias");
        return decision;
    }
}
