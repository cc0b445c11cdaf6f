package io.modelway.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text that stands for "no value" in real files: empty fields and the usual placeholders. A lone
 * "." is among them because published datasets use it that way (penguins' Sex column).
 */
public final class MissingValues {

    private static final Set<String> TOKENS = Set.of("", "na", "n/a", "nan", "null", "none", ".", "?", "-");

    /** The usual markers as a column of a declared schema reads them when it lists none of its own. */
    public static final List<String> USUAL = List.of("NA", "N/A", "NaN", "null", "None", ".", "?", "-");

    private MissingValues() {
    }

    public static boolean isMissing(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        // Called for every value of every row: rule out most values without allocating.
        char first = value.charAt(0);
        if ((first >= '0' && first <= '9') || (value.length() > 6 && !Character.isWhitespace(first)
                && !Character.isWhitespace(value.charAt(value.length() - 1)))) {
            return false;
        }
        return TOKENS.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a value means "no value" in a column with these {@code markers} besides an empty field (null: the
     * usual ones); markers match whatever the case and surrounding spaces.
     */
    public static boolean isMissing(String value, List<String> markers) {
        if (value == null || value.isBlank()) {
            return true;
        }
        if (markers == null) {
            return isMissing(value);
        }
        String stripped = value.strip();
        for (String marker : markers) {
            if (marker.equalsIgnoreCase(stripped)) {
                return true;
            }
        }
        return false;
    }
}
