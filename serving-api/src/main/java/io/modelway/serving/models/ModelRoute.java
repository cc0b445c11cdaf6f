package io.modelway.serving.models;

import io.modelway.core.api.registry.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public static final String CANARY_TAG = "serving.canary";
    public static final String SHADOW_TAG = "serving.shadow";

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
            Integer canary = null;
            int percent = 0;
            String canaryTag = tags.get(CANARY_TAG);
            if (canaryTag != null) {
                int colon = canaryTag.lastIndexOf(':');
                try {
                    percent = Integer.parseInt(canaryTag.substring(colon + 1).strip());
                    canary = colon > 0 ? model.aliases().get(canaryTag.substring(0, colon).strip()) : null;
                } catch (NumberFormatException e) {
                    canary = null;
                }
                if (canary == null || percent < 0 || percent > 100) {
                    log.warn("{}: tag {}='{}' is not '<alias>:<percent 0-100>' naming an alias; no canary",
                            model.name(), CANARY_TAG, canaryTag);
                    canary = null;
                    percent = 0;
                }
            }
            Integer shadow = tags.containsKey(SHADOW_TAG) ? model.aliases().get(tags.get(SHADOW_TAG).strip()) : null;
            return new Wanted(model.aliases().get(servedAlias), canary, percent, shadow, InputPolicy.fromTags(tags));
        }
    }
}
