package io.modelway.core.features;

import java.util.List;

/**
 * The fitted target. A classifier's label is an index into {@code classes}; a regressor's label is
 * scaled like a numeric feature; an anomaly model has no label ({@code column} null).
 */
public record LabelEncoding(String column, FeatureKind kind, List<String> classes, double mean, double scale) {

    public LabelEncoding {
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    public static LabelEncoding none() {
        return new LabelEncoding(null, null, List.of(), 0, 1);
    }
}
