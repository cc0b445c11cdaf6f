package io.modelway.core.schema;

/** What a column is for in a model. A training spec may name any FEATURE column as its label. */
public enum ColumnRole {
    FEATURE, LABEL, ID, IGNORED
}
