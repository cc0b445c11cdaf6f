package io.modelway.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Infers a schema from rows seen one at a time: a column is NUMERIC when every present value is a
 * finite number, DATE when every one is a date or timestamp ({@link Dates}), CATEGORICAL when it has at most
 * {@code maxCategories} distinct values, or up to {@value #WIDE_CATEGORIES} that repeat, TEXT otherwise.
 * The usual placeholders ({@code NA}, {@code None}, {@code .}, {@code ?}, {@code -} ...) are read per column:
 * missing beside numbers or when rare, a category when frequent beside other categories; each column lists the
 * markers it reads as missing.
 */
public final class SchemaInference {

    public static final int DEFAULT_MAX_CATEGORIES = 100;
    /**
     * A column with more distinct values than {@code maxCategories} is still categorical (a wide one: aircraft
     * models, airports) when it has at most this many and each appears three times on average; otherwise it is
     * free text or an id.
     */
    public static final int WIDE_CATEGORIES = 1000;

    private final List<String> names;
    private final int maxCategories;
    private final ColumnStats[] stats;

    public SchemaInference(List<String> names, int maxCategories) {
        this.names = List.copyOf(names);
        this.maxCategories = maxCategories;
        this.stats = new ColumnStats[names.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new ColumnStats();
        }
    }

    public SchemaInference(List<String> names) {
        this(names, DEFAULT_MAX_CATEGORIES);
    }

    /** Observes one row; fields beyond the header are ignored, missing trailing fields count as missing. */
    public void observe(List<String> fields) {
        for (int i = 0; i < stats.length; i++) {
            stats[i].observe(i < fields.size() ? fields.get(i) : null, maxCategories);
        }
    }

    public DatasetSchema result() {
        List<ColumnSchema> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            columns.add(stats[i].toSchema(names.get(i), maxCategories));
        }
        return new DatasetSchema(columns);
    }

    private static final class ColumnStats {
        long present;
        long empty;
        long numeric;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Set<String> distinct = new LinkedHashSet<>();
        final Map<String, Long> markers = new TreeMap<>();
        long dates;
        boolean notDates;
        boolean tooManyDistinct;

        void observe(String value, int maxCategories) {
            if (value == null || value.isBlank()) {
                empty++;
                return;
            }
            String stripped = value.strip();
            // A usual placeholder is set apart until the whole column is seen: it may be a category.
            if (MissingValues.isMissing(stripped)) {
                markers.merge(stripped, 1L, Long::sum);
                return;
            }
            present++;
            var number = Numbers.parse(value);
            if (number.isPresent()) {
                numeric++;
                min = Math.min(min, number.getAsDouble());
                max = Math.max(max, number.getAsDouble());
            } else if (!notDates) {
                // Once one value is neither a number nor a date, the column is not one of dates: stop trying.
                if (Dates.parse(stripped).isPresent()) {
                    dates++;
                } else {
                    notDates = true;
                }
            }
            if (!tooManyDistinct) {
                distinct.add(stripped);
                tooManyDistinct = distinct.size() > Math.max(maxCategories, WIDE_CATEGORIES);
            }
        }

        ColumnSchema toSchema(String name, int maxCategories) {
            boolean numbers = present > 0 && numeric == present;
            long markerRows = markers.values().stream().mapToLong(Long::longValue).sum();
            // Beside numbers every placeholder is a missing value; beside other categories, one that is frequent
            // (at least 5% of the column's values, and more than once) is a category of its own.
            long frequent = Math.max(2, (long) Math.ceil(0.05 * (present + markerRows)));
            List<String> missingMarkers = new ArrayList<>();
            Set<String> categories = new LinkedHashSet<>(distinct);
            long missing = empty;
            for (Map.Entry<String, Long> marker : markers.entrySet()) {
                if (numbers || present == 0 || marker.getValue() < frequent) {
                    missingMarkers.add(marker.getKey());
                    missing += marker.getValue();
                } else {
                    categories.add(marker.getKey());
                }
            }
            boolean nullable = missing > 0;
            boolean text = tooManyDistinct || (categories.size() > maxCategories && categories.size() * 3L > present);
            if (numbers) {
                return new ColumnSchema(name, ColumnType.NUMERIC, ColumnRole.FEATURE, nullable, min, max, List.of(),
                        null, missingMarkers);
            }
            if (present > 0 && dates == present) {
                return new ColumnSchema(name, ColumnType.DATE, ColumnRole.FEATURE, nullable, null, null, List.of(),
                        null, missingMarkers);
            }
            if (present > 0 && !text) {
                return new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE, nullable, null, null,
                        categories.stream().sorted().toList(), null, missingMarkers);
            }
            return new ColumnSchema(name, ColumnType.TEXT, ColumnRole.IGNORED, nullable, null, null, List.of(), null,
                    missingMarkers);
        }
    }
}
