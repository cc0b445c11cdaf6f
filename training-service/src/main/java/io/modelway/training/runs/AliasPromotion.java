package io.modelway.training.runs;

import io.modelway.core.api.registry.Alias;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.models.VerifiedArtifacts;
import io.modelway.training.clients.RegistryClient;
import io.modelway.training.engine.ModelTrainer;
import io.modelway.training.engine.ModelType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Takes a registered version through the {@link PromotionGate} and moves the spec's alias to it when it wins: the
 * incumbent is read from the registry and scored on the candidate's holdout, and the alias moves from the revision
 * that was read.
 */
@Component
class AliasPromotion {

    private final RegistryClient registry;
    private final ModelTrainer trainer = new ModelTrainer();

    AliasPromotion(RegistryClient registry) {
        this.registry = registry;
    }

    /**
     * The promotion gate for {@code version}: compare it with the alias's version on {@code holdout} and, if it wins,
     * move the alias from the revision that was read. Fails closed: a registry or store that cannot be reached, or
     * an alias moved meanwhile, promotes nothing and records a decision that can be taken again.
     */
    Map<String, Object> promote(String model, TrainingSpec.Promotion rule, ModelType type, int version,
            Map<String, Object> metrics, List<Map<String, String>> holdout) {
        Optional<Alias> current;
        try {
            current = registry.alias(model, rule.alias());
        } catch (RuntimeException e) {
            if (!mayPass(e)) {
                throw e;
            }
            return PromotionGate.notTaken(rule, "alias '" + rule.alias() + "' could not be read: " + e);
        }
        Map<String, Object> decision = PromotionGate.decide(rule, metrics, holdout.size(), version,
                current.map(Alias::version),
                incumbent -> {
                    VerifiedArtifacts.Model stored;
                    try {
                        stored = registry.stored(model, incumbent);
                    } catch (RuntimeException e) {
                        if (mayPass(e)) {
                            throw new PromotionGate.Unavailable("the registry did not answer", e);
                        }
                        throw e;
                    }
                    return trainer.score(type, stored.pipeline(), stored.network(), holdout);
                });
        if (!Boolean.TRUE.equals(decision.get("promoted"))) {
            return decision;
        }
        long revision = current.map(Alias::revision).orElse(0L);
        try {
            registry.moveAlias(model, rule.alias(), version, revision, String.valueOf(decision.get("reason")));
        } catch (HttpClientErrorException.Conflict e) {
            return PromotionGate.notTaken(decision, "alias '" + rule.alias() + "' was moved by somebody else since "
                    + "the gate read it at revision " + revision);
        } catch (RuntimeException e) {
            if (!mayPass(e)) {
                throw e;
            }
            return PromotionGate.notTaken(decision, "alias '" + rule.alias() + "' could not be moved: " + e);
        }
        return decision;
    }

    /** A failure that may pass by itself: nothing answered, or the other side failed (5xx, 429). */
    private static boolean mayPass(RuntimeException e) {
        return e instanceof ResourceAccessException || e instanceof HttpServerErrorException
                || e instanceof HttpClientErrorException.TooManyRequests;
    }

}
