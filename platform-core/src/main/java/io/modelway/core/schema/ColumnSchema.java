package io.modelway.core.schema;

import java.util.List;

/**
 * One column of a dataset: its type and role, whether it may be missing, and the values it may take
 * (a numeric range or a category list), the rules that clean it, and {@code missingValues}: the text that
 * means "no value" in this column besides an empty field. A schema inferred from an upload lists the markers
 * its own values showed to be placeholders (a {@code None} that is a frequent category beside others is not
 * one); a declared column that lists none reads the usual markers ({@link MissingValues}).
 */
public record ColumnSchema(String name, ColumnType type, ColumnRole role, Boolean nullable, Double min, Double max,
        List<String> categories, CleaningRules rules, List<String> missingValues) {

    /** A declared column that does not say whether it may be missing may not be. */
    public ColumnSchema {
        nullable = Boolean.TRUE.equals(nullable);
        categories = categories == null ? List.of() : List.copyOf(categories);
        role = role == null ? ColumnRole.FEATURE : role;
        rules = rules == null ? CleaningRules.NONE : rules;
        missingValues = missingValues == null ? null : List.copyOf(missingValues);
    }

    /** A column with the given cleaning rules that reads the usual missing markers. */
    public ColumnSchema(String name, ColumnType type, ColumnRole role, Boolean nullable, Double min, Double max,
            List<String> categories, CleaningRules rules) {
        this(name, type, role, nullable, min, max, categories, rules, null);
    }

    /** A column with the default cleaning rules. */
    public ColumnSchema(String name, ColumnType type, ColumnRole role, Boolean nullable, Double min, Double max,
            List<String> categories) {
        this(name, type, role, nullable, min, max, categories, null, null);
    }

    public boolean isNumeric() {
        return type == ColumnType.NUMERIC;
    }

    /** Whether a raw value of this column means "no value": empty, or one of its missing markers. */
    public boolean isMissing(String value) {
        return MissingValues.isMissing(value, missingValues);
    }
}
