package io.modelway.dashboard.drift;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live inputs of one model version since its last drift check, from one partition of the predictions: numbers
 * and category counts per feature. {@code firstOffset} is the partition offset of its first row, which names the
 * window it becomes part of.
 */
final class LiveWindow {

    private final long firstOffset;
    private final Map<String, double[]> numbers = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Map<String, Long>> categories = new HashMap<>();
    private int rows;

    LiveWindow(long firstOffset) {
        this.firstOffset = firstOffset;
    }

    static LiveWindow from(OpenWindow state) {
        LiveWindow window = new LiveWindow(state.firstOffset());
        window.rows = state.rows();
        state.numbers().forEach((feature, values) -> {
            window.numbers.put(feature, values.length == 0 ? new double[64] : values.clone());
            window.sizes.put(feature, values.length);
        });
        state.categories().forEach((feature, counts) -> window.categories.put(feature, new HashMap<>(counts)));
        return window;
    }

    OpenWindow state(String model, int version) {
        Map<String, double[]> values = new LinkedHashMap<>();
        numbers.keySet().forEach(feature -> values.put(feature, numbers(feature)));
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        categories.forEach((feature, byValue) -> counts.put(feature, Map.copyOf(byValue)));
        return new OpenWindow(model, version, firstOffset, rows, values, counts);
    }

    /** The windows of several partitions as one, for measuring. */
    static LiveWindow merge(Collection<LiveWindow> parts) {
        LiveWindow merged = new LiveWindow(-1);
        for (LiveWindow part : parts) {
            merged.rows += part.rows;
            part.numbers.keySet().forEach(feature -> {
                for (double value : part.numbers(feature)) {
                    merged.addNumber(feature, value);
                }
            });
            part.categories.forEach((feature, counts) -> counts.forEach((value, count) ->
                    merged.categories.computeIfAbsent(feature, f -> new HashMap<>()).merge(value, count, Long::sum)));
        }
        return merged;
    }

    void add(Map<String, Object> input) {
        rows++;
        input.forEach((feature, value) -> {
            if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                addNumber(feature, number.doubleValue());
            } else if (value != null) {
                categories.computeIfAbsent(feature, f -> new HashMap<>()).merge(value.toString(), 1L, Long::sum);
            }
        });
    }

    private void addNumber(String feature, double value) {
        int size = sizes.merge(feature, 1, Integer::sum);
        double[] values = numbers.computeIfAbsent(feature, f -> new double[64]);
        if (size > values.length) {
            values = Arrays.copyOf(values, values.length * 2);
            numbers.put(feature, values);
        }
        values[size - 1] = value;
    }

    long firstOffset() {
        return firstOffset;
    }

    int rows() {
        return rows;
    }

    double[] numbers(String feature) {
        double[] values = numbers.get(feature);
        return values == null ? new double[0] : Arrays.copyOf(values, sizes.get(feature));
    }

    Map<String, Long> categories(String feature) {
        return categories.getOrDefault(feature, Map.of());
    }
}
