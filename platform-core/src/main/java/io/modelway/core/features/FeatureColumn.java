package io.modelway.core.features;

import java.util.List;

/**
 * One fitted input column. NUMERIC: {@code (x - mean) / scale}. CATEGORICAL: a one-hot block over
 * {@code categories} in their listed order.
 */
public record FeatureColumn(String name, FeatureKind kind, double mean, double scale, List<String> categories) {

    public FeatureColumn {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    int width() {
        return kind == FeatureKind.NUMERIC ? 1 : categories.size();
    }
}
