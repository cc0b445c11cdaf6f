package io.modelway.serving.models;

import io.modelway.core.api.registry.ModelSummary;
import io.modelway.core.api.registry.ServingTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one model's requests are answered: by the {@code primary} version (the served alias), except a
 * {@code canaryPercent} share answered by the {@code canary} version; a {@code shadow} version, when set,
 * scores every request too, but its answer is only logged and compared. Set by model tags in the registry:
 * {@code serving.canary = <alias>:<percent>} and {@code serving.shadow = <alias>}.
 */
public record ModelRoute(LoadedModel primary, LoadedModel canary, int canaryPercent, LoadedModel shadow,
        InputPolicy policy) {

    private static final Logger log = LoggerFactory.getLogger(ModelRoute.class);

    /** The version to answer one request with. */
    public LoadedModel pick() {
        if (canary != null && ThreadLocalRandom.current().nextInt(100) < canaryPercent) {
            return canary;
        }
        return primary;
    }

    public boolean isCanary(LoadedModel model) {
        return canary != null && model == canary && canary != primary;
    }

    List<LoadedModel> members() {
        List<LoadedModel> members = new ArrayList<>();
        for (LoadedModel m : new LoadedModel[] {primary, canary, shadow}) {
            if (m != null && !members.contains(m)) {
                members.add(m);
            }
        }
        return members;
    }

    /** The versions the route needs, read from the model's aliases and tags. */
    record Wanted(Integer primary, Integer canary, int canaryPercent, Integer shadow, InputPolicy policy) {

        static Wanted of(ModelSummary model, String servedAlias) {
            Map<String, String> tags = model.tags();
            // The registry refuses tags serving cannot use; an alias deleted since is not there to answer.
            Optional<ServingTags.Canary> canaryTag = ServingTags.canary(tags.get(ServingTags.CANARY));
            Integer canary = canaryTag.map(c -> model.aliases().get(c.alias())).orElse(null);
            int percent = canary == null ? 0 : canaryTag.get().percent();
            if (tags.containsKey(ServingTags.CANARY) && canary == null) {
                log.warn("{}: tag {}='{}' names no alias of the model; no canary", model.name(), ServingTags.CANARY,
                        tags.get(ServingTags.CANARY));
            }
            Integer shadow = tags.containsKey(ServingTags.SHADOW)
                    ? model.aliases().get(tags.get(ServingTags.SHADOW).strip()) : null;
            return new Wanted(model.aliases().get(servedAlias), canary, percent, shadow, InputPolicy.fromTags(tags));
        }
    }
}
