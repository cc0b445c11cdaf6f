package io.modelway.core.profile;

import java.util.List;
import java.util.Map;

/**
 * Statistics of one column. Numeric columns fill mean to histogram; categorical ones fill
 * {@code frequencies}. Quantiles and histogram are exact when {@code exact} is true, else computed
 * on a fixed-seed uniform sample of the column. {@code missingValues}: the text read as "no value" in this
 * column besides an empty field (its schema's markers), so that a reader sees why {@code missing} counts what it
 * does and why a {@code None} beside it is a category.
 */
public record ColumnProfile(String name, String type, long count, long missing, Double mean, Double std, Double min,
        Double max, Map<String, Double> quantiles, List<HistogramBin> histogram, Map<String, Long> frequencies,
        boolean exact, List<String> missingValues) {

    public ColumnProfile {
        missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    }

    /** A profile without missing markers (the usual ones, when read). */
    public ColumnProfile(String name, String type, long count, long missing, Double mean, Double std, Double min,
            Double max, Map<String, Double> quantiles, List<HistogramBin> histogram, Map<String, Long> frequencies,
            boolean exact) {
        this(name, type, count, missing, mean, std, min, max, quantiles, histogram, frequencies, exact, null);
    }

    /** Values v with {@code lower <= v < upper} (the last bin includes its upper edge). */
    public record HistogramBin(double lower, double upper, long count) {
    }
}
