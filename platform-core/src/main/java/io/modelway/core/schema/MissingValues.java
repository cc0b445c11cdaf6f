package io.modelway.core.schema;

import java.util.Set;

/**
 * Text that stands for "no value" in real files: empty fields and the usual placeholders. A lone
 * "." is among them because published datasets use it that way (penguins' Sex column).
 */
public final class MissingValues {

    private static final Set<String> TOKENS = Set.of("", "na", "n/a", "nan", "null", "none", ".", "?", "-");

    private MissingValues() {
    }

    public static boolean isMissing(String value) {
        return value == null || TOKENS.contains(value.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
