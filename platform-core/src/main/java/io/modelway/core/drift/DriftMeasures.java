package io.modelway.core.drift;

import io.modelway.core.profile.ColumnProfile;
import io.modelway.core.profile.ColumnProfile.HistogramBin;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift of a window of live values against a column's training profile: PSI and Kolmogorov-Smirnov for a
 * numeric column (against its histogram), chi-square for a categorical one (against its frequencies). The
 * reference is the profile, not the training rows, so monitoring needs only {@code profile.json}.
 */
public final class DriftMeasures {

    /** Share given to a bucket the reference or the window has no values in, so logarithms stay finite. */
    static final double FLOOR = 1e-4;

    private DriftMeasures() {
    }

    /**
     * PSI over the profile's histogram bins plus one bucket below and one above its range, where live values
     * outside the training range land.
     */
    public static FeatureDrift psi(ColumnProfile reference, double[] live) {
        List<HistogramBin> bins = bins(reference);
        long total = bins.stream().mapToLong(HistogramBin::count).sum();
        double[] expected = new double[bins.size() + 2];
        for (int i = 0; i < bins.size(); i++) {
            expected[i + 1] = (double) bins.get(i).count() / total;
        }
        double[] actual = new double[expected.length];
        for (double value : live) {
            actual[bucket(bins, value)] += 1.0 / live.length;
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], FLOOR);
            double a = Math.max(actual[i], FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return new FeatureDrift(reference.name(), FeatureDrift.PSI, psi, null, live.length);
    }

    /**
     * The Kolmogorov-Smirnov distance between the window's empirical distribution and the profile's (linear
     * within each histogram bin), with the asymptotic p-value for a window of this size.
     */
    public static FeatureDrift ks(ColumnProfile reference, double[] live) {
        List<HistogramBin> bins = bins(reference);
        long total = bins.stream().mapToLong(HistogramBin::count).sum();
        double[] sorted = live.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double distance = 0;
        for (int i = 0; i < n; i++) {
            double f = referenceCdf(bins, total, sorted[i]);
            distance = Math.max(distance, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (double) (i + 1) / n)));
        }
        return new FeatureDrift(reference.name(), FeatureDrift.KS, distance, kolmogorovPValue(distance, n), n);
    }

    /**
     * Pearson's chi-square of the window's category counts against the frequencies the profile expects, with
     * one degree of freedom less than the number of categories. A category training never saw counts against
     * an expected share of {@link #FLOOR}, so it weighs heavily.
     */
    public static FeatureDrift chiSquare(ColumnProfile reference, Map<String, Long> live) {
        if (reference.frequencies() == null || reference.frequencies().isEmpty()) {
            throw new IllegalArgumentException("Column " + reference.name() + " has no category frequencies");
        }
        long referenceTotal = reference.frequencies().values().stream().mapToLong(Long::longValue).sum();
        long n = live.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> expectedShare = new LinkedHashMap<>();
        reference.frequencies().forEach((category, count) -> expectedShare.put(category, (double) count / referenceTotal));
        live.keySet().forEach(category -> expectedShare.putIfAbsent(category, 0.0));
        double statistic = 0;
        for (Map.Entry<String, Double> category : expectedShare.entrySet()) {
            double expected = n * Math.max(category.getValue(), FLOOR);
            double observed = live.getOrDefault(category.getKey(), 0L);
            statistic += (observed - expected) * (observed - expected) / expected;
        }
        int degrees = Math.max(1, expectedShare.size() - 1);
        return new FeatureDrift(reference.name(), FeatureDrift.CHI_SQUARE, statistic,
                Gamma.upperRegularized(degrees / 2.0, statistic / 2), n);
    }

    private static List<HistogramBin> bins(ColumnProfile reference) {
        if (reference.histogram() == null || reference.histogram().isEmpty()) {
            throw new IllegalArgumentException("Column " + reference.name() + " has no histogram");
        }
        return reference.histogram();
    }

    /** 0 below the first bin, {@code bins.size() + 1} above the last, else the bin's index + 1. */
    private static int bucket(List<HistogramBin> bins, double value) {
        if (value < bins.get(0).lower()) {
            return 0;
        }
        for (int i = 0; i < bins.size(); i++) {
            HistogramBin bin = bins.get(i);
            if (value < bin.upper() || (i == bins.size() - 1 && value == bin.upper())) {
                return i + 1;
            }
        }
        return bins.size() + 1;
    }

    private static double referenceCdf(List<HistogramBin> bins, long total, double value) {
        double below = 0;
        for (HistogramBin bin : bins) {
            if (value >= bin.upper()) {
                below += bin.count();
            } else {
                if (value > bin.lower() && bin.upper() > bin.lower()) {
                    below += bin.count() * (value - bin.lower()) / (bin.upper() - bin.lower());
                }
                break;
            }
        }
        return below / total;
    }

    /** The asymptotic Kolmogorov distribution's tail, with Stephens' small-sample correction. */
    static double kolmogorovPValue(double distance, int n) {
        double root = Math.sqrt(n);
        double lambda = (root + 0.12 + 0.11 / root) * distance;
        if (lambda < 0.2) {
            return 1.0;
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-12) {
                break;
            }
        }
        return Math.min(1.0, Math.max(0.0, 2 * sum));
    }
}
