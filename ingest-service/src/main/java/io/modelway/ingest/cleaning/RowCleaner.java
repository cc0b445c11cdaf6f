package io.modelway.ingest.cleaning;

import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.MissingValues;
import io.modelway.core.schema.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The cleaning rules applied to each row of an upload against the dataset's schema:
 * <ul>
 *   <li>a row with more or fewer fields than the header is quarantined ({@code ragged_row});</li>
 *   <li>a missing value (empty or a placeholder such as "NA" or ".") in a model column is quarantined
 *       ({@code missing_value}); ignored and id columns may be missing;</li>
 *   <li>a numeric column's value must be a finite number ({@code not_a_number});</li>
 *   <li>values are trimmed, numbers written in their canonical form.</li>
 * </ul>
 * The first rule that fails gives the reason, so each quarantined row has exactly one.
 */
public final class RowCleaner {

    private final DatasetSchema schema;

    public RowCleaner(DatasetSchema schema) {
        this.schema = schema;
    }

    public CleaningResult clean(List<String> fields) {
        List<ColumnSchema> columns = schema.columns();
        if (fields.size() != columns.size()) {
            return quarantine(QuarantineReason.RAGGED_ROW, null,
                    "expected " + columns.size() + " fields, found " + fields.size());
        }
        List<String> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSchema column = columns.get(i);
            String value = fields.get(i);
            boolean modelColumn = column.role() == ColumnRole.FEATURE || column.role() == ColumnRole.LABEL;
            if (MissingValues.isMissing(value)) {
                if (modelColumn && column.type() != ColumnType.TEXT) {
                    return quarantine(QuarantineReason.MISSING_VALUE, column.name(),
                            "value " + (value == null || value.isBlank() ? "is empty" : "'" + value + "' means missing"));
                }
                values.add("");
                continue;
            }
            if (column.type() == ColumnType.NUMERIC) {
                OptionalDouble number = Numbers.parse(value);
                if (number.isEmpty()) {
                    return quarantine(QuarantineReason.NOT_A_NUMBER, column.name(), "'" + value + "' is not a number");
                }
                values.add(canonical(number.getAsDouble()));
            } else {
                values.add(value.strip());
            }
        }
        return new CleaningResult.Clean(values);
    }

    private static String canonical(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static CleaningResult quarantine(String code, String column, String detail) {
        return new CleaningResult.Quarantined(new QuarantineReason(code, column, detail));
    }
}
