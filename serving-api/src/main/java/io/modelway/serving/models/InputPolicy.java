package io.modelway.serving.models;

import java.util.Map;

/**
 * What a model accepts beyond its exact inputs, set per model by registry tags: {@code serving.extra-fields}
 * ({@code reject}, the default, or {@code ignore}) and {@code serving.unknown-categories} ({@code reject}, the
 * default, or {@code ignore}: encode a category the model never saw as none of the known ones).
 */
public record InputPolicy(boolean ignoreExtraFields, boolean ignoreUnknownCategories) {

    public static final InputPolicy STRICT = new InputPolicy(false, false);
    public static final String EXTRA_FIELDS_TAG = "serving.extra-fields";
    public static final String UNKNOWN_CATEGORIES_TAG = "serving.unknown-categories";

    public static InputPolicy fromTags(Map<String, String> tags) {
        return new InputPolicy("ignore".equals(tags.get(EXTRA_FIELDS_TAG)),
                "ignore".equals(tags.get(UNKNOWN_CATEGORIES_TAG)));
    }
}
