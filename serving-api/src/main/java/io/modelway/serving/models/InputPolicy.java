package io.modelway.serving.models;

import io.modelway.core.api.registry.ServingTags;
import java.util.Map;

/**
 * What a model accepts beyond its exact inputs, set per model by registry tags: {@code serving.extra-fields}
 * ({@code reject}, the default, or {@code ignore}) and {@code serving.unknown-categories} ({@code reject}, the
 * default, or {@code ignore}: encode a category the model never saw as none of the known ones).
 */
public record InputPolicy(boolean ignoreExtraFields, boolean ignoreUnknownCategories) {

    public static final InputPolicy STRICT = new InputPolicy(false, false);

    public static InputPolicy fromTags(Map<String, String> tags) {
        return new InputPolicy(ServingTags.ignores(tags, ServingTags.EXTRA_FIELDS),
                ServingTags.ignores(tags, ServingTags.UNKNOWN_CATEGORIES));
    }
}
