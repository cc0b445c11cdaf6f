package io.modelway.ingest.cleaning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.schema.CleaningRules;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    void keepsMissingFeaturesEmptyAndQuarantinesOnlyAMissingLabel() {
        assertThat(cleaner.clean(List.of("", "M", "x"))).isEqualTo(new CleaningResult.Clean(List.of("", "M", "x")));
        assertThat(cleaner.clean(List.of("3750", ".", "x"))).isEqualTo(new CleaningResult.Clean(List.of("3750", "", "x")));
        assertThat(cleaner.clean(Arrays.asList("3750", null, "x"))).isInstanceOf(CleaningResult.Clean.class);
        assertThat(cleaner.report().counts().get("sex")).containsEntry("missing", 2L).containsEntry("missing as '.'", 1L);

        RowCleaner labelled = new RowCleaner(new DatasetSchema(List.of(
                new ColumnSchema("mass", ColumnType.NUMERIC, ColumnRole.FEATURE, true, null, null, null),
                new ColumnSchema("species", ColumnType.CATEGORICAL, ColumnRole.LABEL, false, null, null, null))));
        assertThat(labelled.clean(List.of("3750", "NA"))).isEqualTo(new CleaningResult.Quarantined(
                new QuarantineReason("missing_label", "species", "value 'NA' means missing")));
        assertThat(labelled.clean(List.of("", "Adelie"))).isInstanceOf(CleaningResult.Clean.class);
    }

    @Test
    void writesDatesInIsoFormAndQuarantinesWhatIsNotADate() {
        RowCleaner dated = new RowCleaner(new DatasetSchema(List.of(
                new ColumnSchema("released", ColumnType.DATE, ColumnRole.FEATURE, true, null, null, null))));
        assertThat(dated.clean(List.of("Jun 12 1998"))).isEqualTo(new CleaningResult.Clean(List.of("1998-06-12")));
        assertThat(dated.clean(List.of("1998-06-12T12:00+02:00")))
                .isEqualTo(new CleaningResult.Clean(List.of("1998-06-12T10:00:00Z")));
        assertThat(dated.clean(List.of("someday"))).isEqualTo(new CleaningResult.Quarantined(
                new QuarantineReason("not_a_date", "released", "'someday' is not a date")));
    }

    @Test
    void readsOnlyTheColumnsOwnMarkersAsMissing() {
        RowCleaner own = new RowCleaner(new DatasetSchema(List.of(new ColumnSchema("damage", ColumnType.CATEGORICAL,
                ColumnRole.LABEL, false, null, null, List.of(), null, List.of("?")))));
        assertThat(own.clean(List.of("None"))).isEqualTo(new CleaningResult.Clean(List.of("None")));
        assertThat(own.clean(List.of("?")).getClass()).isEqualTo(CleaningResult.Quarantined.class);
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

    @Test
    void imputesDropsOrKeepsMissingValuesAsEachColumnSays() {
        DatasetSchema schema = new DatasetSchema(List.of(
                numeric("mass", new CleaningRules("impute", "median", null, null, null, null, null)),
                numeric("depth", new CleaningRules("impute", "constant", "17.5", null, null, null, null)),
                numeric("length", new CleaningRules("drop", null, null, null, null, null, null)),
                categorical("sex", List.of(), new CleaningRules("impute", "mode", null, null, null, null, null))));
        RowCleaner cleaner = new RowCleaner(schema, statistics(schema, List.of(
                List.of("3000", "18", "40", "M"), List.of("4000", "19", "41", "M"), List.of("5000", "20", "42", "F"),
                List.of("", "", "43", "."))), true);

        assertThat(cleaner.clean(List.of("", "NA", "44", ""))).isEqualTo(new CleaningResult.Clean(
                List.of("4000", "17.5", "44", "M")));
        assertThat(((CleaningResult.Quarantined) cleaner.clean(List.of("1", "2", "", "F"))).reason())
                .isEqualTo(new QuarantineReason("dropped_missing_value", "length", "value is empty"));
        assertThat(cleaner.report().counts()).containsEntry("mass", Map.of("missing", 1L, "imputed", 1L))
                .containsEntry("length", Map.of("missing", 1L));
    }

    @Test
    void clipsOrQuarantinesOutliersByZScoreOrIqr() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rows.add(List.of(Integer.toString(i), Integer.toString(i)));
        }
        DatasetSchema schema = new DatasetSchema(List.of(
                numeric("clipped", new CleaningRules(null, null, null,
                        new CleaningRules.OutlierRule("zscore", 2.0, "clip"), null, null, null)),
                numeric("checked", new CleaningRules(null, null, null,
                        new CleaningRules.OutlierRule("iqr", 1.5, null), null, null, null))));
        RowCleaner cleaner = new RowCleaner(schema, statistics(schema, rows), true);

        // 1..100: mean 50.5, std sqrt(83325/99), so z-score bounds 50.5 -/+ 58.02; quartiles 25.75 and 75.25,
        // so IQR bounds [-48.5, 149.5].
        CleaningResult clipped = cleaner.clean(List.of("500", "100"));
        List<String> values = ((CleaningResult.Clean) clipped).values();
        assertThat(Double.parseDouble(values.get(0))).isCloseTo(50.5 + 2 * Math.sqrt(83325.0 / 99), within(1e-9));
        assertThat(values.get(1)).isEqualTo("100");
        CleaningResult outlier = cleaner.clean(List.of("50", "150"));
        assertThat(((CleaningResult.Quarantined) outlier).reason().code()).isEqualTo("outlier");
        assertThat(cleaner.report().counts()).containsEntry("clipped", Map.of("clipped", 1L))
                .containsEntry("checked", Map.of("outlier", 1L));
    }

    @Test
    void normalisesCategorySpellingAndCoercesNumbersWrittenForPeople() {
        DatasetSchema schema = new DatasetSchema(List.of(
                numeric("price", new CleaningRules(null, null, null, null, null, null, true)),
                categorical("sex", List.of("FEMALE", "MALE"),
                        new CleaningRules(null, null, null, null, "upper", Map.of("m", "MALE", "f", "FEMALE"), null))));
        RowCleaner cleaner = new RowCleaner(schema, null, true);

        assertThat(cleaner.clean(List.of("$1,234.50", " m "))).isEqualTo(new CleaningResult.Clean(List.of("1234.5", "MALE")));
        assertThat(cleaner.clean(List.of("3,14", "female"))).isEqualTo(new CleaningResult.Clean(List.of("3.14", "FEMALE")));
        assertThat(cleaner.clean(List.of("12 %", "F"))).isEqualTo(new CleaningResult.Clean(List.of("12", "FEMALE")));
        assertThat(((CleaningResult.Quarantined) cleaner.clean(List.of("1_000", "other"))).reason())
                .isEqualTo(new QuarantineReason("unknown_category", "sex", "'OTHER' is not one of [FEMALE, MALE]"));
        assertThat(cleaner.report().counts().get("price")).containsEntry("coerced", 4L);
        assertThat(cleaner.report().counts().get("sex")).containsEntry("normalized", 4L).containsEntry("unknown_category", 1L);
    }

    @Test
    void enforcesDeclaredRangesButOnlyReportsInferredOnes() {
        List<ColumnSchema> columns = List.of(new ColumnSchema("age", ColumnType.NUMERIC, ColumnRole.FEATURE, false, 0.0,
                120.0, null));
        RowCleaner declared = new RowCleaner(new DatasetSchema(columns), null, true);
        RowCleaner inferred = new RowCleaner(new DatasetSchema(columns), null, false);

        assertThat(((CleaningResult.Quarantined) declared.clean(List.of("130"))).reason())
                .isEqualTo(new QuarantineReason("out_of_range", "age", "130 is outside [0.0, 120.0]"));
        assertThat(inferred.clean(List.of("130"))).isEqualTo(new CleaningResult.Clean(List.of("130")));
        assertThat(inferred.report().counts()).containsEntry("age", Map.of("out_of_range", 1L));
    }

    @Test
    void setsAsideRepeatedRowsWhenTheSchemaDedupes() {
        RowCleaner cleaner = new RowCleaner(new DatasetSchema(List.of(numeric("x", null), categorical("k", List.of(),
                new CleaningRules(null, null, null, null, "lower", null, null))), true), null, false);

        assertThat(cleaner.clean(List.of("1", "a"))).isInstanceOf(CleaningResult.Clean.class);
        assertThat(cleaner.clean(List.of("1.0", " A "))).isEqualTo(new CleaningResult.Quarantined(
                new QuarantineReason("duplicate_row", null, "same values as an earlier row of this upload")));
        assertThat(cleaner.clean(List.of("2", "a"))).isInstanceOf(CleaningResult.Clean.class);
    }

    private static ColumnSchema numeric(String name, CleaningRules rules) {
        return new ColumnSchema(name, ColumnType.NUMERIC, ColumnRole.FEATURE, false, null, null, null, rules);
    }

    private static ColumnSchema categorical(String name, List<String> categories, CleaningRules rules) {
        return new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE, false, null, null, categories, rules);
    }

    private static DatasetProfile statistics(DatasetSchema schema, List<List<String>> rows) {
        RowCleaner.Statistics statistics = RowCleaner.statistics(schema);
        rows.forEach(statistics::observe);
        return statistics.result();
    }

    private QuarantineReason reason(List<String> fields) {
        CleaningResult result = cleaner.clean(fields);
        assertThat(result).isInstanceOf(CleaningResult.Quarantined.class);
        return ((CleaningResult.Quarantined) result).reason();
    }
}
