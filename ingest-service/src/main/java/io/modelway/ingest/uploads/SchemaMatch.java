package io.modelway.ingest.uploads;

import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Lines an upload's columns up with the dataset's schema: the same columns in another order are read
 * in schema order; a column missing from the upload or unknown to the schema is reported, one error per
 * column, and the upload is refused (its rows could not be cleaned against the schema).
 */
final class SchemaMatch {

    private SchemaMatch() {
    }

    static RowSource conform(RowSource source, DatasetSchema schema) {
        List<String> expected = schema.columnNames();
        List<String> actual = source.header();
        if (actual.equals(expected)) {
            return source;
        }
        List<Map<String, String>> errors = new ArrayList<>();
        for (String column : expected) {
            if (!actual.contains(column)) {
                errors.add(Map.of("field", "header", "column", column, "message", "is in the schema but not in the upload"));
            }
        }
        for (String column : actual) {
            if (!expected.contains(column)) {
                errors.add(Map.of("field", "header", "column", column, "message", "is in the upload but not in the schema"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "header", "The upload's columns do not match the dataset's "
                    + "schema: " + errors.size() + " column(s) differ", errors);
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            position.put(actual.get(i), i);
        }
        int[] order = expected.stream().mapToInt(position::get).toArray();
        return new Reordered(source, expected, order);
    }

    /** The same rows with fields in schema order; ragged rows are passed on as they are, to be quarantined. */
    private record Reordered(RowSource source, List<String> header, int[] order) implements RowSource {

        @Override
        public SourceRow next() {
            SourceRow row = source.next();
            if (row == null || row.problem() != null || row.fields().size() != order.length) {
                return row;
            }
            List<String> fields = new ArrayList<>(order.length);
            for (int index : order) {
                fields.add(row.fields().get(index));
            }
            return row.withFields(fields);
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
