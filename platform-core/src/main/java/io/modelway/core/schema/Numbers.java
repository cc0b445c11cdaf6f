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
     * The value of a plain decimal (an optional sign, at most {@value #FAST_DIGITS} digits with at most one point, no
     * exponent), or NaN for any other text, or when {@link #nearest} cannot tell. Exact: a significand of at most
     * 2^53 and the power of ten it is divided by (at most 10^18) are both exact doubles, and one IEEE division rounds
     * correctly; a larger one is settled by {@link #nearest}. So the result is the one {@link Double#parseDouble}
     * gives, without its general algorithm (most of an ingest's time on numeric tables, where decimals as programs
     * print doubles, such as 6.916666666666667, have 16 or 17 digits).
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
        if (digits == 0) {
            return Double.NaN;
        }
        // A whole number converts with one rounding, to the nearest double.
        double value = decimals <= 0 ? significand : significand <= EXACT_SIGNIFICAND
                ? significand / POWERS_OF_TEN[decimals] : nearest(significand, decimals);
        return negative ? -value : value;
    }

    /**
     * The double nearest to {@code significand / 10^decimals} (ties to even) when the significand is beyond 2^53, so
     * that one division is not exact: the quotient of the two doubles is within an ulp of it, and comparing the
     * decimal exactly, in 128-bit integers, with the midpoints around that quotient says whether it, or a neighbour,
     * is the nearest. NaN when it cannot tell (then the JDK's algorithm decides).
     */
    private static double nearest(long significand, int decimals) {
        long bits = Double.doubleToRawLongBits(significand / POWERS_OF_TEN[decimals]);
        for (int step = 0; step < 3; step++) {
            long mantissa = (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
            int exponent = (int) ((bits >>> 52) & 0x7FF) - 1075;
            if (mantissa == 1L << 52) {
                // The lower neighbour is a power of two, with a smaller spacing below it: left to the JDK.
                return Double.NaN;
            }
            int above = compareWithMidpoint(significand, decimals, 2 * mantissa + 1, exponent - 1);
            int below = compareWithMidpoint(significand, decimals, 2 * mantissa - 1, exponent - 1);
            boolean even = (mantissa & 1) == 0;
            if (above > 0 || (above == 0 && !even)) {
                bits++;
            } else if (below < 0 || (below == 0 && !even)) {
                bits--;
            } else {
                return Double.longBitsToDouble(bits);
            }
        }
        return Double.NaN;
    }

    /** The sign of {@code significand / 10^decimals - odd * 2^exponent}, computed exactly. */
    private static int compareWithMidpoint(long significand, int decimals, long odd, int exponent) {
        // significand * 2^-exponent against odd * 10^decimals, each side scaled to whole numbers below 2^127.
        int left = Math.max(0, -exponent);
        int right = Math.max(0, exponent);
        long leftHigh = left == 0 ? 0 : left >= 64 ? significand << (left - 64) : significand >>> (64 - left);
        long leftLow = left >= 64 ? 0 : significand << left;
        long power = (long) POWERS_OF_TEN[decimals];
        long rightHigh = Math.multiplyHigh(odd, power);
        long rightLow = odd * power;
        if (right > 0) {
            rightHigh = (rightHigh << right) | (rightLow >>> (64 - right));
            rightLow <<= right;
        }
        int high = Long.compareUnsigned(leftHigh, rightHigh);
        return high != 0 ? high : Long.compareUnsigned(leftLow, rightLow);
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
