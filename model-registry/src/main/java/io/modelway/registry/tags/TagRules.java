package io.modelway.registry.tags;

import io.modelway.core.api.registry.ServingTags;
import io.modelway.core.web.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a tag may be: a name of letters, digits and {@code . _ -}, and a value of at most 1,000 characters; a
 * {@code serving.*} tag also as {@link ServingTags} says.
 */
public final class TagRules {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final int MAX_VALUE = 1000;

    private TagRules() {
    }

    /** Checks one tag; {@code field} is how the caller's request names it. */
    public static void check(String field, String tag, String value) {
        if (tag == null || !NAME.matcher(tag).matches()) {
            throw ApiException.badRequest(field, "tag names are 1-128 letters, digits, '.', '_' or '-'");
        }
        if (value == null) {
            throw ApiException.badRequest(field.equals("tag") ? "value" : field, "a tag needs a value (use DELETE to remove it)");
        }
        if (value.length() > MAX_VALUE) {
            throw ApiException.badRequest(field.equals("tag") ? "value" : field,
                    "is " + value.length() + " characters; a tag value has at most " + MAX_VALUE);
        }
    }

    /** Checks tags given at registration, naming each as {@code metadata.tags.<name>}: tags of a version. */
    public static void checkAll(Map<String, String> tags) {
        tags.forEach((tag, value) -> {
            check("metadata.tags." + tag, tag, value);
            checkServing("metadata.tags." + tag, "metadata.tags." + tag, tag, value, true, Map.of());
        });
    }

    /**
     * A {@code serving.*} tag must be one serving acts on, set on the model, with a value serving can use (an alias
     * the model has): serving would otherwise ignore it with a warning in its log.
     */
    static void checkServing(String tagField, String valueField, String tag, String value, boolean onVersion,
            Map<String, Integer> aliases) {
        if (!ServingTags.isServingTag(tag)) {
            return;
        }
        if (!ServingTags.ALL.contains(tag)) {
            throw ApiException.badRequest(tagField, "'" + tag + "' is not a serving tag; they are "
                    + String.join(", ", ServingTags.ALL));
        }
        if (onVersion) {
            throw ApiException.badRequest(tagField, "serving tags are set on the model (/api/models/{model}/tags), "
                    + "not on a version");
        }
        ServingTags.problem(tag, value, aliases).ifPresent(problem -> {
            throw ApiException.badRequest(valueField, problem);
        });
    }
}
