package io.modelway.core.schema;

import java.util.List;

/**
 * One column of a dataset: its type and role, whether it may be missing, and the values it may take
 * (a numeric range or a category list), and the rules that clean it.
 */
public record ColumnSchema(String name, ColumnType type, ColumnRole role, Boolean nullable, Double min, Double max,
        List<String> categories, CleaningRules rules) {

    /** A declared column that does not say whether it may be missing may not be. */
    public ColumnSchema {
        nullable = Boolean.TRUE.equals(nullable);
        categories = categories == null ? List.of() : List.copyOf(categories);
        role = role == null ? ColumnRole.FEATURE : role;
        rules = rules == null ? CleaningRules.NONE : rules;
    }

    /** A column with the default cleaning rules. */
    public ColumnSchema(String name, ColumnType type, ColumnRole role, Boolean nullable, Double min, Double max,
            List<String> categories) {
        this(name, type, role, nullable, min, max, categories, null);
    }

    public boolean isNumeric() {
        return type == ColumnType.NUMERIC;
    }
}
