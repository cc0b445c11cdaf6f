package io.modelway.training.engine;

import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.DatasetSchema;
import java.util.List;
import java.util.Map;

/**
 * The rows a model learns from: those with a label (all of them for an anomaly model, which has none). A
 * missing feature is the pipeline's to impute; a missing label cannot be, so its row is left out and counted.
 */
public record LabelledRows(List<Map<String, String>> rows, int withoutLabel) {

    public static LabelledRows of(List<Map<String, String>> rows, DatasetSchema schema, ModelType type, String label) {
        if (type == ModelType.ANOMALY) {
            return new LabelledRows(rows, 0);
        }
        ColumnSchema column = schema.column(label).orElseThrow(() -> new IllegalArgumentException(
                "Label column '" + label + "' is not in the dataset (columns: " + schema.columnNames() + ")"));
        List<Map<String, String>> labelled = rows.stream().filter(row -> !column.isMissing(row.get(label))).toList();
        return new LabelledRows(labelled, rows.size() - labelled.size());
    }
}
