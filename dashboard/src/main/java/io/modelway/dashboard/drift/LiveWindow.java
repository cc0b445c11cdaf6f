package io.modelway.dashboard.drift;

import java.util.HashMap;
import java.util.Map;

/** The live inputs of one model version since its last drift check: numbers and category counts per feature. */
final class LiveWindow {

    private final Map<String, double[]> numbers = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Map<String, Long>> categories = new HashMap<>();
    private int rows;

    void add(Map<String, Object> input) {
        rows++;
        input.forEach((feature, value) -> {
            if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                int size = sizes.merge(feature, 1, Integer::sum);
                double[] values = numbers.computeIfAbsent(feature, f -> new double[64]);
                if (size > values.length) {
                    values = java.util.Arrays.copyOf(values, values.length * 2);
                    numbers.put(feature, values);
                }
                values[size - 1] = number.doubleValue();
            } else if (value != null) {
                categories.computeIfAbsent(feature, f -> new HashMap<>()).merge(value.toString(), 1L, Long::sum);
            }
        });
    }

    int rows() {
        return rows;
    }

    double[] numbers(String feature) {
        double[] values = numbers.get(feature);
        return values == null ? new double[0] : java.util.Arrays.copyOf(values, sizes.get(feature));
    }

    Map<String, Long> categories(String feature) {
        return categories.getOrDefault(feature, Map.of());
    }
}
