package io.modelway.training.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A seeded train/holdout split. With a class key it is stratified: each class contributes the same
 * fraction to the holdout, so a rare class is never missing from it. Same rows, seed and fraction give
 * the same split.
 */
public record DatasetSplit<T>(List<T> train, List<T> holdout) {

    public static <T> DatasetSplit<T> of(List<T> rows, double holdoutFraction, long seed, Function<T, String> stratum) {
        Map<String, List<T>> groups = new TreeMap<>();
        for (T row : rows) {
            groups.computeIfAbsent(stratum == null ? "" : stratum.apply(row), k -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        List<T> train = new ArrayList<>();
        List<T> holdout = new ArrayList<>();
        for (List<T> group : groups.values()) {
            List<T> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            int n = (int) Math.round(shuffled.size() * holdoutFraction);
            if (shuffled.size() > 1) {
                n = Math.max(1, Math.min(n, shuffled.size() - 1));
            } else {
                n = 0;
            }
            holdout.addAll(shuffled.subList(0, n));
            train.addAll(shuffled.subList(n, shuffled.size()));
        }
        Collections.shuffle(train, random);
        return new DatasetSplit<>(List.copyOf(train), List.copyOf(holdout));
    }
}
