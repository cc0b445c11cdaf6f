package io.modelway.core.profile;

import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.MissingValues;
import io.modelway.core.schema.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Builds a {@link DatasetProfile} from rows seen one at a time, in memory bounded by the sample size
 * whatever the number of rows: moments are streamed (Welford), quantiles and histogram come from a
 * reservoir sample with a fixed seed, so the same data always gives the same profile.
 */
public final class ProfileBuilder {

    public static final int DEFAULT_SAMPLE_SIZE = 65_536;
    private static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    private static final int BINS = 20;
    /** Distinct categories counted one by one; the rest are counted under {@link #OTHER_CATEGORIES}. */
    public static final int MAX_CATEGORIES = 10_000;
    public static final String OTHER_CATEGORIES = "(other)";

    private final DatasetSchema schema;
    private final Accumulator[] columns;
    private final ColumnType[] types;
    private long rows;

    public ProfileBuilder(DatasetSchema schema, int sampleSize) {
        this.schema = schema;
        this.columns = new Accumulator[schema.columns().size()];
        this.types = new ColumnType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Accumulator(sampleSize, 31L * i + 7);
            types[i] = schema.columns().get(i).type();
        }
    }

    public ProfileBuilder(DatasetSchema schema) {
        this(schema, DEFAULT_SAMPLE_SIZE);
    }

    /** Observes one row, fields in schema column order. */
    public void observe(List<String> fields) {
        rows++;
        for (int i = 0; i < columns.length; i++) {
            ColumnSchema column = schema.columns().get(i);
            columns[i].observe(i < fields.size() ? fields.get(i) : null, column);
        }
    }

    /**
     * Observes one cleaned row, values in schema column order: an empty value is missing (cleaning writes a missing
     * value as empty), and a numeric column's value is {@code numbers[i]}, already read, so it is not parsed again.
     */
    public void observeClean(List<String> values, double[] numbers) {
        rows++;
        for (int i = 0; i < columns.length; i++) {
            String value = values.get(i);
            Accumulator column = columns[i];
            if (value.isEmpty()) {
                column.missing++;
                continue;
            }
            column.count++;
            ColumnType type = types[i];
            if (type == ColumnType.NUMERIC) {
                if (!Double.isNaN(numbers[i])) {
                    column.observeNumber(numbers[i]);
                }
            } else if (type == ColumnType.CATEGORICAL) {
                column.observeCategory(value);
            }
        }
    }

    public DatasetProfile build() {
        List<ColumnProfile> result = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            result.add(columns[i].toProfile(schema.columns().get(i)));
        }
        return new DatasetProfile(rows, result);
    }

    private static final class Accumulator {
        final int sampleSize;
        final SplittableRandom random;
        double[] sample = new double[16];
        int sampled;
        long count;
        long missing;
        long numericSeen;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Map<String, Long> frequencies = new HashMap<>();

        Accumulator(int sampleSize, long seed) {
            this.sampleSize = sampleSize;
            this.random = new SplittableRandom(seed);
        }

        void observe(String value, ColumnSchema column) {
            ColumnType type = column.type();
            if (column.isMissing(value)) {
                missing++;
                return;
            }
            count++;
            if (type == ColumnType.NUMERIC) {
                Numbers.parse(value).ifPresent(this::observeNumber);
            } else if (type == ColumnType.CATEGORICAL) {
                observeCategory(value.strip());
            }
        }

        void observeCategory(String value) {
            String category = value;
            // Bounded memory whatever the data: past the cap, new categories are counted together.
            if (frequencies.size() >= MAX_CATEGORIES && !frequencies.containsKey(category)) {
                category = OTHER_CATEGORIES;
            }
            frequencies.merge(category, 1L, Long::sum);
        }

        void observeNumber(double x) {
            numericSeen++;
            double delta = x - mean;
            mean += delta / numericSeen;
            m2 += delta * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (sampled < sampleSize) {
                if (sampled == sample.length) {
                    sample = Arrays.copyOf(sample, Math.min(sampleSize, sample.length * 2));
                }
                sample[sampled++] = x;
            } else {
                long slot = random.nextLong(numericSeen);
                if (slot < sampleSize) {
                    sample[(int) slot] = x;
                }
            }
        }

        ColumnProfile toProfile(ColumnSchema column) {
            boolean exact = numericSeen <= sampleSize;
            if (column.type() != ColumnType.NUMERIC || numericSeen == 0) {
                return new ColumnProfile(column.name(), column.type().name(), count, missing, null, null, null, null,
                        Map.of(), List.of(), column.type() == ColumnType.CATEGORICAL ? new TreeMap<>(frequencies) : Map.of(), exact,
                        markers(column));
            }
            double[] sorted = Arrays.copyOf(sample, sampled);
            Arrays.sort(sorted);
            Map<String, Double> quantiles = new LinkedHashMap<>();
            for (double q : QUANTILES) {
                quantiles.put("p" + Math.round(q * 100), quantile(sorted, q));
            }
            double std = numericSeen > 1 ? Math.sqrt(m2 / (numericSeen - 1)) : 0.0;
            return new ColumnProfile(column.name(), column.type().name(), count, missing, mean, std, min, max,
                    quantiles, histogram(sorted, numericSeen), Map.of(), exact, markers(column));
        }

        private static List<String> markers(ColumnSchema column) {
            return column.missingValues() == null ? MissingValues.USUAL : column.missingValues();
        }

        private static double quantile(double[] sorted, double q) {
            double position = q * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, sorted.length - 1);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }

        private List<ColumnProfile.HistogramBin> histogram(double[] sorted, long total) {
            if (min == max) {
                return List.of(new ColumnProfile.HistogramBin(min, max, total));
            }
            long[] counts = new long[BINS];
            double width = (max - min) / BINS;
            for (double x : sorted) {
                counts[Math.min(BINS - 1, (int) ((x - min) / width))]++;
            }
            // A sample stands for the whole column: scale its counts so the bins add up to the row count.
            double scale = (double) total / sorted.length;
            List<ColumnProfile.HistogramBin> bins = new ArrayList<>(BINS);
            for (int b = 0; b < BINS; b++) {
                bins.add(new ColumnProfile.HistogramBin(min + b * width, b == BINS - 1 ? max : min + (b + 1) * width,
                        Math.round(counts[b] * scale)));
            }
            return bins;
        }
    }
}
