package io.modelway.ingest.cleaning;

import io.modelway.core.schema.CleaningRules;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.Dates;
import io.modelway.core.schema.Numbers;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The first cleaning stage of one column, which needs no statistics: decides whether a value is missing (by the
 * column's own markers),
 * reads numbers (coercing them when the column asks to) and dates (written in ISO form), and brings categories to
 * their canonical spelling.
 */
final class ValueReader {

    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

    /** A value after this stage: canonical text, or null when missing; a problem instead when unreadable. */
    record Read(String value, double number, boolean changed, String problem) {

        boolean missing() {
            return value == null && problem == null;
        }
    }

    private final ColumnSchema column;
    private final CleaningRules rules;
    private final Map<String, String> synonyms = new HashMap<>();

    ValueReader(ColumnSchema column) {
        this.column = column;
        this.rules = column.rules();
        rules.synonyms().forEach((spelling, canonical) -> synonyms.put(fold(spelling.strip()), canonical));
    }

    Read read(String raw) {
        if (column.isMissing(raw)) {
            return new Read(null, Double.NaN, false, null);
        }
        String trimmed = raw.strip();
        if (column.type() == ColumnType.NUMERIC) {
            return readNumber(trimmed);
        }
        if (column.type() == ColumnType.DATE) {
            return Dates.of(trimmed).map(date -> {
                String canonical = Dates.canonical(date);
                return new Read(canonical, Double.NaN, !canonical.equals(trimmed), null);
            }).orElseGet(() -> new Read(null, Double.NaN, false, "'" + trimmed + "' is not a date"));
        }
        if (column.type() == ColumnType.CATEGORICAL) {
            String folded = fold(trimmed);
            String canonical = synonyms.getOrDefault(folded, folded);
            return new Read(canonical, Double.NaN, !canonical.equals(trimmed), null);
        }
        return new Read(trimmed, Double.NaN, false, null);
    }

    private Read readNumber(String text) {
        OptionalDouble number = Numbers.parse(text);
        boolean coerced = false;
        if (number.isEmpty() && rules.coerce()) {
            number = Numbers.parse(coerce(text));
            coerced = number.isPresent();
        }
        if (number.isEmpty()) {
            return new Read(null, Double.NaN, false, "'" + text + "' is not a number");
        }
        double x = number.getAsDouble();
        return new Read(coerced ? canonical(x) : canonical(text, x), x, coerced, null);
    }

    /** Numbers written for people: "$1,234.50", "12 %", "3,14", "1_000". */
    static String coerce(String text) {
        String s = text.replace("_", "").replace(" ", "").replace("\u00A0", "");
        if (!s.isEmpty() && "$€£¥".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1);
        }
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
        }
        if (THOUSANDS.matcher(s).matches()) {
            return s.replace(",", "");
        }
        if (DECIMAL_COMMA.matcher(s).matches()) {
            return s.replace(',', '.');
        }
        return s;
    }

    private String fold(String value) {
        if ("lower".equals(rules.normalize())) {
            return value.toLowerCase(Locale.ROOT);
        }
        if ("upper".equals(rules.normalize())) {
            return value.toUpperCase(Locale.ROOT);
        }
        return value;
    }

    /**
     * {@link #canonical(double)} of {@code x}, read from {@code text}: the text itself when it is already written so
     * (most numbers in files are), which saves formatting every value of every row.
     */
    static String canonical(String text, double x) {
        return isCanonical(text, x) ? text : canonical(x);
    }

    /**
     * Whether {@code text} is how {@link #canonical(double)} writes {@code x}: an integer without sign, leading zeros
     * or point, or a decimal in [0.001, 10^7) with at most 15 significant digits, no trailing zero and one leading
     * zero at most; such a decimal is the shortest text that reads back as its double, which is what
     * {@link Double#toString(double)} writes in that range.
     */
    static boolean isCanonical(String text, double x) {
        int length = text.length();
        int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (length == start || length - start > 16 || (start == 1 && x == 0)) {
            return false;
        }
        int point = -1;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (point < 0) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 && (text.charAt(start) != '0' || length == start + 1);
        }
        double magnitude = Math.abs(x);
        if (magnitude < 1e-3 || magnitude >= 1e7 || point == length - 1 || text.charAt(length - 1) == '0'
                || point == start || (text.charAt(start) == '0' && point != start + 1)) {
            return false;
        }
        int significant = 0;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c != '.' && (significant > 0 || c != '0')) {
                significant++;
            }
        }
        return significant <= 15;
    }

    static String canonical(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
