package io.modelway.ingest.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowCleanerTests {

    private final RowCleaner cleaner = new RowCleaner(new DatasetSchema(List.of(
            new ColumnSchema("mass", ColumnType.NUMERIC, ColumnRole.FEATURE, false, null, null, null),
            new ColumnSchema("sex", ColumnType.CATEGORICAL, ColumnRole.FEATURE, true, null, null, List.of("F", "M")),
            new ColumnSchema("note", ColumnType.TEXT, ColumnRole.IGNORED, true, null, null, null))));

    @Test
    void keepsCompleteRowsTrimmedWithCanonicalNumbers() {
        assertThat(cleaner.clean(List.of(" 3750.0 ", " M ", "ok"))).isEqualTo(new CleaningResult.Clean(List.of("3750", "M", "ok")));
        assertThat(cleaner.clean(List.of("1e3", "F", ""))).isEqualTo(new CleaningResult.Clean(List.of("1000", "F", "")));
        assertThat(cleaner.clean(List.of("0.25", "F", "")))
                .isEqualTo(new CleaningResult.Clean(List.of("0.25", "F", "")));
    }

    @Test
    void quarantinesRowsWithMissingValuesNamingTheColumn() {
        assertThat(reason(List.of("", "M", "x"))).isEqualTo(new QuarantineReason("missing_value", "mass", "value is empty"));
        assertThat(reason(List.of("3750", ".", "x")))
                .isEqualTo(new QuarantineReason("missing_value", "sex", "value '.' means missing"));
        assertThat(reason(Arrays.asList("3750", null, "x")).code()).isEqualTo("missing_value");
    }

    @Test
    void letsIgnoredColumnsBeMissing() {
        assertThat(cleaner.clean(List.of("3750", "M", "NA"))).isInstanceOf(CleaningResult.Clean.class);
    }

    @Test
    void quarantinesRowsWithUnparseableNumbers() {
        assertThat(reason(List.of("heavy", "M", ""))).isEqualTo(new QuarantineReason("not_a_number", "mass",
                "'heavy' is not a number"));
        assertThat(reason(List.of("Infinity", "M", "")).code()).isEqualTo("not_a_number");
    }

    @Test
    void quarantinesRaggedRows() {
        assertThat(reason(List.of("1", "M"))).isEqualTo(new QuarantineReason("ragged_row", null,
                "expected 3 fields, found 2"));
        assertThat(reason(List.of("1", "M", "x", "extra")).code()).isEqualTo("ragged_row");
    }

    private QuarantineReason reason(List<String> fields) {
        CleaningResult result = cleaner.clean(fields);
        assertThat(result).isInstanceOf(CleaningResult.Quarantined.class);
        return ((CleaningResult.Quarantined) result).reason();
    }
}
