package io.modelway.core.schema;

/**
 * How a column's values are read. DATE columns hold dates or timestamps (see {@link Dates}), encoded as their year
 * and their place in the year, week and day. TEXT columns are kept but never encoded as features.
 */
public enum ColumnType {
    NUMERIC, CATEGORICAL, DATE, TEXT
}
