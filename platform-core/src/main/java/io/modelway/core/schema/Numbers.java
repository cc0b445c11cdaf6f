package io.modelway.core.schema;

import java.util.OptionalDouble;

/** Strict number parsing for data files: finite decimal numbers only, no NaN or Infinity. */
public final class Numbers {

    private Numbers() {
    }

    /** Powers of ten a double holds exactly, for the fast path. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    /** Digits a long accumulates without overflow. */
    private static final int FAST_DIGITS = 18;
    /** The largest significand a double holds exactly. */
    private static final long EXACT_SIGNIFICAND = 1L << 53;

    public static OptionalDouble parse(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String s = text.strip();
        double fast = plainDecimal(s);
        if (!Double.isNaN(fast)) {
            return OptionalDouble.of(fast);
        }
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

    /**
     * The value of a plain decimal (an optional sign, digits with at most one point, no exponent) whose digits make
     * an integer of at most 2^53, or NaN for any other text. Exact: such a significand and the power of ten it is
     * divided by (at most 10^18) are both exact doubles, and one IEEE division rounds correctly, so the result is the
     * one {@link Double#parseDouble} gives, without its general algorithm (most of an ingest's time on numeric
     * tables). Decimals as programs print doubles, such as 6.916666666666667, have 16 or 17 digits and most fit.
     */
    static double plainDecimal(String s) {
        int length = s.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long significand = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > FAST_DIGITS) {
                    return Double.NaN;
                }
                significand = significand * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || significand > EXACT_SIGNIFICAND) {
            return Double.NaN;
        }
        double value = decimals > 0 ? significand / POWERS_OF_TEN[decimals] : significand;
        return negative ? -value : value;
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
