package io.modelway.core.schema;

/** How a column's values are read. TEXT columns are kept but never encoded as features. */
public enum ColumnType {
    NUMERIC, CATEGORICAL, TEXT
}
