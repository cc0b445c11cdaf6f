package io.modelway.core.schema;

import java.util.Map;

/**
 * How ingest cleans one column, declared in the dataset's schema. Every field is optional:
 * <ul>
 *   <li>{@code missing}: what a missing value does to its row: {@code quarantine} (the default for
 *       feature and label columns), {@code drop} (the row is set aside as dropped), {@code impute}, or
 *       {@code keep} (the value stays empty);</li>
 *   <li>{@code impute}: {@code mean}, {@code median}, {@code mode} or {@code constant} (with {@code value}),
 *       computed from the upload's own values;</li>
 *   <li>{@code outliers}: values far from the rest, by z-score or the IQR rule, clipped to the bound or
 *       quarantined;</li>
 *   <li>{@code normalize}: {@code lower} or {@code upper} case for categories, after trimming;
 *       {@code synonyms} maps spellings to the canonical category ({@code "m": "MALE"});</li>
 *   <li>{@code coerce}: read numbers written for people: thousands separators, a decimal comma,
 *       currency signs, a trailing %.</li>
 * </ul>
 */
public record CleaningRules(String missing, String impute, String value, OutlierRule outliers, String normalize,
        Map<String, String> synonyms, Boolean coerce) {

    public static final String QUARANTINE = "quarantine";
    public static final String DROP = "drop";
    public static final String IMPUTE = "impute";
    public static final String KEEP = "keep";

    public static final CleaningRules NONE = new CleaningRules(null, null, null, null, null, null, null);

    public CleaningRules {
        synonyms = synonyms == null ? Map.of() : Map.copyOf(synonyms);
        coerce = Boolean.TRUE.equals(coerce);
    }

    /** Outlier detection: {@code zscore} (|x - mean| > threshold * std) or {@code iqr} (outside Q1/Q3 -/+ threshold * IQR). */
    public record OutlierRule(String method, Double threshold, String action) {

        public static final String ZSCORE = "zscore";
        public static final String IQR = "iqr";
        public static final String CLIP = "clip";

        public double thresholdOrDefault() {
            return threshold != null ? threshold : IQR.equals(method) ? 1.5 : 3.0;
        }

        public boolean clips() {
            return CLIP.equals(action);
        }
    }

    /** True when cleaning needs statistics of the whole upload first (imputed means, outlier bounds). */
    public boolean needsStatistics() {
        return (IMPUTE.equals(missing) && !"constant".equals(impute)) || outliers != null;
    }
}
