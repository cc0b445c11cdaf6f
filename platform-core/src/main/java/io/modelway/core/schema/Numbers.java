package io.modelway.core.schema;

import java.util.OptionalDouble;

/** Strict number parsing for data files: finite decimal numbers only, no NaN or Infinity. */
public final class Numbers {

    private Numbers() {
    }

    public static OptionalDouble parse(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String s = text.strip();
        if (s.isEmpty() || !looksNumeric(s)) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(s);
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    // Double.parseDouble also accepts "NaN", "Infinity", hex floats and a trailing 'd' or 'f'; data files mean none of those.
    private static boolean looksNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
