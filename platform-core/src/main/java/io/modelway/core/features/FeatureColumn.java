package io.modelway.core.features;

import io.modelway.core.schema.MissingValues;
import java.util.List;

/**
 * One fitted input column. NUMERIC: {@code (x - mean) / scale}, of {@code log(1 + x)} with {@code transform}
 * {@value #LOG1P}; with a {@code fill} (the training median, set
 * when training saw the column missing), a missing value is encoded as the fill and a second entry says
 * whether the value was missing. CATEGORICAL: a one-hot block over {@code categories} in their listed order;
 * {@value #MISSING} among them takes a missing value, {@value #OTHER} the categories too rare to keep and any
 * the model never saw. DATE: see {@link DateFeatures}. {@code missingValues}: the text besides an empty field that means "no value" here (null:
 * the usual markers, as pipelines of format 1 read them).
 */
public record FeatureColumn(String name, FeatureKind kind, double mean, double scale, List<String> categories,
        Double fill, List<String> missingValues, String transform) {

    public static final String MISSING = "(missing)";
    public static final String OTHER = "(other)";
    /** A numeric column of non-negative, heavily right-skewed values (costs, populations) is read as log(1 + x). */
    public static final String LOG1P = "log1p";
    /** A DATE column whose values carry a time of day: the hour is encoded too. */
    public static final String TIME_OF_DAY = "time-of-day";

    public FeatureColumn {
        categories = categories == null ? List.of() : List.copyOf(categories);
        missingValues = missingValues == null ? null : List.copyOf(missingValues);
    }

    /** A column that has no value for a missing one: a missing value is an error. */
    public FeatureColumn(String name, FeatureKind kind, double mean, double scale, List<String> categories) {
        this(name, kind, mean, scale, categories, null, null, null);
    }

    /** The number the model reads for a raw value, before standardising: the value itself, or log(1 + x). */
    public double transformed(double x) {
        return LOG1P.equals(transform) ? Math.log1p(Math.max(0, x)) : x;
    }

    int width() {
        return switch (kind) {
            case NUMERIC -> fill == null ? 1 : 2;
            case DATE -> DateFeatures.width(this);
            case CATEGORICAL -> categories.size();
        };
    }

    /** Whether a missing value is imputed (training saw this column missing) rather than refused. */
    public boolean mayBeMissing() {
        return kind == FeatureKind.CATEGORICAL ? categories.contains(MISSING) : fill != null;
    }

    /** Whether a value means "no value" here: absent, null, empty, or one of the column's markers. */
    public boolean isMissing(Object value) {
        return value == null || (value instanceof String text && MissingValues.isMissing(text, missingValues));
    }
}
