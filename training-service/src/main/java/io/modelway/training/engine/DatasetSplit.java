package io.modelway.training.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A seeded three-way split: {@code train} fits the weights, {@code validation} decides when to stop and which
 * epoch to keep, {@code test} alone is scored for the run's metrics and the promotion gate. With a class key it is
 * stratified: each class contributes the same fractions to validation and test, so a rare class is in both as
 * long as it has three rows. Same rows, seed and fractions give the same split.
 */
public record DatasetSplit<T>(List<T> train, List<T> validation, List<T> test) {

    public static <T> DatasetSplit<T> of(List<T> rows, double testFraction, double validationFraction, long seed,
            Function<T, String> stratum) {
        Map<String, List<T>> groups = new TreeMap<>();
        for (T row : rows) {
            groups.computeIfAbsent(stratum == null ? "" : stratum.apply(row), k -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        List<T> train = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (List<T> group : groups.values()) {
            List<T> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            int size = shuffled.size();
            int t = size < 2 ? 0 : Math.max(1, (int) Math.round(size * testFraction));
            int v = size < 3 ? 0 : Math.max(1, (int) Math.round(size * validationFraction));
            // At least one row of every group is left to train on.
            t = Math.min(t, size - 1);
            v = Math.max(0, Math.min(v, size - 1 - t));
            test.addAll(shuffled.subList(0, t));
            validation.addAll(shuffled.subList(t, t + v));
            train.addAll(shuffled.subList(t + v, size));
        }
        Collections.shuffle(train, random);
        return new DatasetSplit<>(List.copyOf(train), List.copyOf(validation), List.copyOf(test));
    }
}
