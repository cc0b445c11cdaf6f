package io.modelway.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.profile.ColumnProfile;
import io.modelway.core.profile.ColumnProfile.HistogramBin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMeasuresTests {

    /** A profile of N(0, 1) built from 100,000 draws: 40 bins over [-4, 4]. */
    private static ColumnProfile standardNormal() {
        Random random = new Random(1);
        long[] counts = new long[40];
        for (int i = 0; i < 100_000; i++) {
            double x = random.nextGaussian();
            if (x >= -4 && x < 4) {
                counts[(int) ((x + 4) / 0.2)]++;
            }
        }
        List<HistogramBin> bins = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            bins.add(new HistogramBin(-4 + i * 0.2, -4 + (i + 1) * 0.2, counts[i]));
        }
        return new ColumnProfile("x", "NUMERIC", 100_000, 0, 0.0, 1.0, -4.0, 4.0, Map.of(), bins, null, true);
    }

    private static double[] normal(int n, double mean, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }

    @Test
    void psiIsNearZeroForTheSameDistributionAndLargeForAShiftedOne() {
        ColumnProfile profile = standardNormal();

        double same = DriftMeasures.psi(profile, normal(2000, 0, 2)).statistic();
        double shifted = DriftMeasures.psi(profile, normal(2000, 1, 3)).statistic();

        assertThat(same).isLessThan(0.05);
        assertThat(shifted).isGreaterThan(0.25);
    }

    @Test
    void psiCountsValuesOutsideTheTrainingRange() {
        ColumnProfile profile = standardNormal();
        double[] farAway = new double[500];
        java.util.Arrays.fill(farAway, 10.0);

        assertThat(DriftMeasures.psi(profile, farAway).statistic()).isGreaterThan(5);
    }

    @Test
    void ksDistanceIsExactOnASmallCase() {
        ColumnProfile uniform = new ColumnProfile("u", "NUMERIC", 100, 0, 1.0, 0.58, 0.0, 2.0, Map.of(),
                List.of(new HistogramBin(0, 1, 50), new HistogramBin(1, 2, 50)), null, true);

        // Reference CDF at 0.5 and 1.5 is 0.25 and 0.75; the window's steps are 0, 0.5 and 1.
        FeatureDrift drift = DriftMeasures.ks(uniform, new double[] {1.5, 0.5});

        assertThat(drift.statistic()).isCloseTo(0.25, within(1e-12));
        assertThat(drift.liveCount()).isEqualTo(2);
    }

    @Test
    void ksPValueSeparatesNoDriftFromDrift() {
        ColumnProfile profile = standardNormal();

        FeatureDrift same = DriftMeasures.ks(profile, normal(1000, 0, 4));
        FeatureDrift shifted = DriftMeasures.ks(profile, normal(1000, 0.5, 5));

        assertThat(same.pValue()).isGreaterThan(0.05);
        assertThat(shifted.statistic()).isGreaterThan(0.15);
        assertThat(shifted.pValue()).isLessThan(1e-6);
    }

    @Test
    void kolmogorovTailMatchesKnownQuantiles() {
        // The 5% and 1% critical values of the Kolmogorov distribution are 1.358 and 1.628 (large n).
        assertThat(DriftMeasures.kolmogorovPValue(1.358 / Math.sqrt(1e6), 1_000_000)).isCloseTo(0.05, within(5e-4));
        assertThat(DriftMeasures.kolmogorovPValue(1.628 / Math.sqrt(1e6), 1_000_000)).isCloseTo(0.01, within(2e-4));
    }

    @Test
    void chiSquareMatchesAHandComputation() {
        ColumnProfile profile = new ColumnProfile("island", "CATEGORICAL", 100, 0, null, null, null, null, Map.of(),
                List.of(), Map.of("Biscoe", 50L, "Dream", 50L), true);

        // Expected 20 and 20, observed 30 and 10: (10² + 10²) / 20 = 10 with 1 degree of freedom.
        FeatureDrift drift = DriftMeasures.chiSquare(profile, Map.of("Biscoe", 30L, "Dream", 10L));

        assertThat(drift.statistic()).isCloseTo(10.0, within(1e-9));
        assertThat(drift.pValue()).isCloseTo(0.0015654, within(1e-6));
    }

    @Test
    void chiSquareWeighsACategoryTrainingNeverSaw() {
        ColumnProfile profile = new ColumnProfile("island", "CATEGORICAL", 100, 0, null, null, null, null, Map.of(),
                List.of(), Map.of("Biscoe", 50L, "Dream", 50L), true);

        FeatureDrift same = DriftMeasures.chiSquare(profile, Map.of("Biscoe", 52L, "Dream", 48L));
        FeatureDrift unseen = DriftMeasures.chiSquare(profile, Map.of("Biscoe", 45L, "Dream", 45L, "Atlantis", 10L));

        assertThat(same.pValue()).isGreaterThan(0.5);
        assertThat(unseen.pValue()).isLessThan(1e-6);
    }

    @Test
    void upperIncompleteGammaMatchesClosedForms() {
        for (double x : new double[] {0.1, 1, 3, 10}) {
            // Q(1, x) = e^-x; Q(2, x) = (1 + x) e^-x.
            assertThat(Gamma.upperRegularized(1, x)).isCloseTo(Math.exp(-x), within(1e-12));
            assertThat(Gamma.upperRegularized(2, x)).isCloseTo((1 + x) * Math.exp(-x), within(1e-12));
        }
        assertThat(Gamma.logGamma(5)).isCloseTo(Math.log(24), within(1e-10));
    }
}
