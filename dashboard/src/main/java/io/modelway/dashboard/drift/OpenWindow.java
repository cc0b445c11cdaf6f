package io.modelway.dashboard.drift;

import java.util.Map;

/** A partition's part of a model version's open drift window, as its checkpoint holds it. */
public record OpenWindow(String model, int version, long firstOffset, int rows, Map<String, double[]> numbers,
        Map<String, Map<String, Long>> categories) {

    public OpenWindow {
        numbers = numbers == null ? Map.of() : numbers;
        categories = categories == null ? Map.of() : categories;
    }
}
