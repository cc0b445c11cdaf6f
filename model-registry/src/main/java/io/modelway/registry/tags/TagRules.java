package io.modelway.registry.tags;

import io.modelway.core.web.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/** What a tag may be: a name of letters, digits and {@code . _ -}, and a value of at most 1,000 characters. */
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

    /** Checks tags given at registration, naming each as {@code metadata.tags.<name>}. */
    public static void checkAll(Map<String, String> tags) {
        tags.forEach((tag, value) -> check("metadata.tags." + tag, tag, value));
    }
}
