package io.modelway.dashboard.accuracy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The joins counted per model version, in parts by the partition whose record completed each, so that a partition's
 * checkpoint holds its part; merged for the console and for {@code modelway_live_accuracy} and
 * {@code modelway_live_rmse}.
 */
final class VersionScores {

    private static final class Score {
        long feedback;
        long classified;
        long correct;
        long regressions;
        double squaredError;
    }

    /** A version's parts, and its merged figures as exported. */
    private static final class Version {
        final Map<Integer, Score> parts = new TreeMap<>();
        final double[] accuracy = {Double.NaN};
        final double[] rmse = {Double.NaN};
    }

    private final MeterRegistry meters;
    private final Map<String, Version> versions = new TreeMap<>();

    VersionScores(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One join: a label compared with the truth, a value's error, or (an anomaly score) only counted. */
    synchronized void count(String model, int number, int partition, Object label, Double value, Object truth) {
        Version version = version(model, number);
        Score score = version.parts.computeIfAbsent(partition, p -> new Score());
        score.feedback++;
        if (value == null && label == null) {
            // An anomaly model's score has no threshold here to call it right or wrong: counted, not scored.
            return;
        }
        if (value != null && truth instanceof Number actual) {
            double error = value - actual.doubleValue();
            score.regressions++;
            score.squaredError += error * error;
        } else {
            score.classified++;
            score.correct += Objects.equals(String.valueOf(label), String.valueOf(truth)) ? 1 : 0;
        }
        export(version);
    }

    synchronized List<LiveAccuracy.VersionScore> of(String model) {
        return versions.entrySet().stream().filter(e -> e.getKey().startsWith(model + "/")).map(e -> {
            Version v = e.getValue();
            int number = Integer.parseInt(e.getKey().substring(model.length() + 1));
            long feedback = v.parts.values().stream().mapToLong(s -> s.feedback).sum();
            long correct = v.parts.values().stream().mapToLong(s -> s.correct).sum();
            return new LiveAccuracy.VersionScore(model, number, feedback, correct,
                    Double.isNaN(v.accuracy[0]) ? null : v.accuracy[0], Double.isNaN(v.rmse[0]) ? null : v.rmse[0]);
        }).toList();
    }

    synchronized List<LiveAccuracy.PartScore> state(int partition) {
        List<LiveAccuracy.PartScore> parts = new ArrayList<>();
        versions.forEach((key, version) -> {
            Score s = version.parts.get(partition);
            if (s != null) {
                int slash = key.lastIndexOf('/');
                parts.add(new LiveAccuracy.PartScore(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)),
                        s.feedback, s.classified, s.correct, s.regressions, s.squaredError));
            }
        });
        return parts;
    }

    synchronized void restore(int partition, List<LiveAccuracy.PartScore> parts) {
        for (LiveAccuracy.PartScore part : parts) {
            Version version = version(part.model(), part.version());
            Score score = new Score();
            score.feedback = part.feedback();
            score.classified = part.classified();
            score.correct = part.correct();
            score.regressions = part.regressions();
            score.squaredError = part.squaredError();
            version.parts.put(partition, score);
            export(version);
        }
    }

    synchronized void release(int partition) {
        versions.values().forEach(version -> {
            version.parts.remove(partition);
            export(version);
        });
    }

    private Version version(String model, int number) {
        return versions.computeIfAbsent(model + "/" + number, key -> register(model, number));
    }

    private static void export(Version version) {
        long classified = 0;
        long correct = 0;
        long regressions = 0;
        double squaredError = 0;
        for (Score s : version.parts.values()) {
            classified += s.classified;
            correct += s.correct;
            regressions += s.regressions;
            squaredError += s.squaredError;
        }
        version.accuracy[0] = classified > 0 ? (double) correct / classified : Double.NaN;
        version.rmse[0] = regressions > 0 ? Math.sqrt(squaredError / regressions) : Double.NaN;
    }

    private Version register(String model, int number) {
        Version version = new Version();
        String tag = Integer.toString(number);
        Gauge.builder("modelway_live_accuracy", version.accuracy, a -> a[0]).tag("model", model)
                .tag("version", tag).description("Share of correct labels among predictions with feedback")
                .register(meters);
        Gauge.builder("modelway_live_rmse", version.rmse, r -> r[0]).tag("model", model)
                .tag("version", tag).description("Root mean squared error of predictions with feedback")
                .register(meters);
        return version;
    }
}
