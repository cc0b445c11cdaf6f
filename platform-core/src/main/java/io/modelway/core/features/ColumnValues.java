package io.modelway.core.features;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** The values of one numeric or date column seen while fitting: for its mean, median and skew. */
final class ColumnValues {

    private double[] values = new double[64];
    private int size;

    void add(double x) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = x;
    }

    int size() {
        return size;
    }

    /**
     * Non-negative and heavily skewed to the right (sample skewness above 2, as costs that are mostly 0 and
     * sometimes millions, or populations): such a column is better read on a log scale.
     */
    boolean skewedRight() {
        if (size < 3) {
            return false;
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            mean += values[i] / size;
            min = Math.min(min, values[i]);
        }
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < size; i++) {
            double d = values[i] - mean;
            m2 += d * d / size;
            m3 += d * d * d / size;
        }
        return min >= 0 && m2 > 0 && m3 / Math.pow(m2, 1.5) > 2;
    }

    double median() {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }

    /** The mean and the scale a column is standardised by. */
    record Standardisation(double mean, double scale) {
    }

    /**
     * Mean and standard deviation of {@code f} over the values; a scale of 1 for fewer than two values or a
     * constant column, which carries no information and is kept at zero instead of divided by zero.
     */
    Standardisation standardisation(DoubleUnaryOperator f) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < size; i++) {
            double x = f.applyAsDouble(values[i]);
            sum += x;
            sumSq += x * x;
        }
        double mean = size == 0 ? 0 : sum / size;
        if (size < 2) {
            return new Standardisation(mean, 1);
        }
        double std = Math.sqrt(Math.max(0, sumSq / size - mean * mean));
        return new Standardisation(mean, std < 1e-12 ? 1 : std);
    }
}
