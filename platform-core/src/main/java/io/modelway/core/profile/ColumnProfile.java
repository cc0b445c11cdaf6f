package io.modelway.core.profile;

import java.util.List;
import java.util.Map;

/**
 * Statistics of one column. Numeric columns fill mean to histogram; categorical ones fill
 * {@code frequencies}. Quantiles and histogram are exact when {@code exact} is true, else computed
 * on a fixed-seed uniform sample of the column.
 */
public record ColumnProfile(String name, String type, long count, long missing, Double mean, Double std, Double min,
        Double max, Map<String, Double> quantiles, List<HistogramBin> histogram, Map<String, Long> frequencies,
        boolean exact) {

    /** Values v with {@code lower <= v < upper} (the last bin includes its upper edge). */
    public record HistogramBin(double lower, double upper, long count) {
    }
}
