package io.modelway.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers a schema from rows seen one at a time: a column is NUMERIC when every present value is a
 * finite number, CATEGORICAL when it has at most {@code maxCategories} distinct values, TEXT otherwise.
 */
public final class SchemaInference {

    public static final int DEFAULT_MAX_CATEGORIES = 100;

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
        long missing;
        long numeric;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Set<String> distinct = new LinkedHashSet<>();
        boolean tooManyDistinct;

        void observe(String value, int maxCategories) {
            if (MissingValues.isMissing(value)) {
                missing++;
                return;
            }
            present++;
            var number = Numbers.parse(value);
            if (number.isPresent()) {
                numeric++;
                min = Math.min(min, number.getAsDouble());
                max = Math.max(max, number.getAsDouble());
            }
            if (!tooManyDistinct) {
                distinct.add(value.strip());
                tooManyDistinct = distinct.size() > maxCategories;
            }
        }

        ColumnSchema toSchema(String name, int maxCategories) {
            boolean nullable = missing > 0;
            if (present > 0 && numeric == present) {
                return new ColumnSchema(name, ColumnType.NUMERIC, ColumnRole.FEATURE, nullable, min, max, List.of());
            }
            if (present > 0 && !tooManyDistinct) {
                return new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE, nullable, null, null,
                        distinct.stream().sorted().toList());
            }
            return new ColumnSchema(name, ColumnType.TEXT, ColumnRole.IGNORED, nullable, null, null, List.of());
        }
    }
}
