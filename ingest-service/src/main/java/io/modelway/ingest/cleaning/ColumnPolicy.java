package io.modelway.ingest.cleaning;

import io.modelway.core.profile.ColumnProfile;
import io.modelway.core.schema.CleaningRules;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.Numbers;
import java.util.Comparator;
import java.util.Map;

/**
 * The second cleaning stage of one column, resolved against the upload's statistics: what a missing value
 * becomes, and the bounds beyond which a number is an outlier. {@code imputedNumber} is the imputed value read as a
 * number once, for the profile (NaN unless the column is numeric and the value reads as one).
 */
record ColumnPolicy(String missing, String imputed, double imputedNumber, double lowerFence, double upperFence,
        boolean clip) {

    static ColumnPolicy of(ColumnSchema column, ColumnProfile statistics) {
        CleaningRules rules = column.rules();
        String missing = rules.missing() != null ? rules.missing() : defaultMissing(column);
        String imputed = CleaningRules.IMPUTE.equals(missing) ? imputed(column, statistics) : null;
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        CleaningRules.OutlierRule outliers = rules.outliers();
        if (outliers != null && statistics != null && statistics.mean() != null) {
            double t = outliers.thresholdOrDefault();
            if (CleaningRules.OutlierRule.IQR.equals(outliers.method())) {
                double q1 = statistics.quantiles().get("p25");
                double q3 = statistics.quantiles().get("p75");
                lower = q1 - t * (q3 - q1);
                upper = q3 + t * (q3 - q1);
            } else {
                lower = statistics.mean() - t * statistics.std();
                upper = statistics.mean() + t * statistics.std();
            }
        }
        double imputedNumber = imputed != null && column.type() == ColumnType.NUMERIC
                ? Numbers.parse(imputed).orElse(Double.NaN) : Double.NaN;
        return new ColumnPolicy(missing, imputed, imputedNumber, lower, upper, outliers != null && outliers.clips());
    }

    /**
     * A missing feature is data: kept empty, for the model's feature pipeline to impute. A row without its label
     * teaches nothing and is quarantined, unless a rule says otherwise.
     */
    private static String defaultMissing(ColumnSchema column) {
        return column.role() == ColumnRole.LABEL ? CleaningRules.QUARANTINE : CleaningRules.KEEP;
    }

    private static String imputed(ColumnSchema column, ColumnProfile statistics) {
        String method = column.rules().impute();
        if ("constant".equals(method)) {
            return column.rules().value();
        }
        if (statistics == null) {
            return null;
        }
        if ("mean".equals(method) && statistics.mean() != null) {
            return ValueReader.canonical(statistics.mean());
        }
        if ("median".equals(method) && statistics.quantiles().containsKey("p50")) {
            return ValueReader.canonical(statistics.quantiles().get("p50"));
        }
        if ("mode".equals(method)) {
            return statistics.frequencies().entrySet().stream()
                    .max(Comparator.comparingLong(Map.Entry<String, Long>::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
        }
        return null;
    }

    boolean outlier(double x) {
        return x < lowerFence || x > upperFence;
    }

    double clamp(double x) {
        return Math.max(lowerFence, Math.min(upperFence, x));
    }
}
