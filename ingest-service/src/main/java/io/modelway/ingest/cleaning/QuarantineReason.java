package io.modelway.ingest.cleaning;

/**
 * Why a row was quarantined, machine-readable: a stable {@code code}, the column at fault (null for
 * the whole row) and a sentence for people.
 */
public record QuarantineReason(String code, String column, String detail) {

    public static final String RAGGED_ROW = "ragged_row";
    public static final String EMPTY_ROW = "empty_row";
    public static final String MISSING_VALUE = "missing_value";
    public static final String MISSING_LABEL = "missing_label";
    public static final String NOT_A_NUMBER = "not_a_number";
    public static final String NOT_A_DATE = "not_a_date";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String UNREADABLE = "unreadable_record";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String DROPPED_MISSING_VALUE = "dropped_missing_value";
    public static final String UNKNOWN_CATEGORY = "unknown_category";
    public static final String OUTLIER = "outlier";
    public static final String DUPLICATE_ROW = "duplicate_row";
}
