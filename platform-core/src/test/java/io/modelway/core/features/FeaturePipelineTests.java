package io.modelway.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.SchemaInference;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeaturePipelineTests {

    List<Map<String, String>> rows;
    DatasetSchema schema;
    FeaturePipeline pipeline;

    @BeforeEach
    void fitOnPenguins() throws IOException {
        rows = PenguinRows.complete();
        SchemaInference inference = new SchemaInference(PenguinRows.all().columns());
        rows.forEach(r -> inference.observe(List.copyOf(r.values())));
        schema = inference.result();
        pipeline = FeaturePipeline.fit(schema, "Species", true, rows);
    }

    @Test
    void encodesFourScaledNumbersAndOneHotIslandAndSex() {
        assertThat(pipeline.inputNames()).containsExactly("Island", "Beak Length (mm)", "Beak Depth (mm)",
                "Flipper Length (mm)", "Body Mass (g)", "Sex");
        assertThat(pipeline.width()).isEqualTo(3 + 4 + 2);
        assertThat(pipeline.features().get(0).categories()).containsExactly("Biscoe", "Dream", "Torgersen");
        assertThat(pipeline.label().classes()).containsExactly("Adelie", "Chinstrap", "Gentoo");

        float[] v = pipeline.encode(rows.get(0));
        assertThat(v).hasSize(9);
        assertThat(new float[] {v[0], v[1], v[2]}).containsExactly(0f, 0f, 1f);
        assertThat(new float[] {v[7], v[8]}).containsExactly(0f, 1f);
    }

    @Test
    void standardisesNumericColumnsToZeroMeanUnitVariance() {
        double sum = 0;
        double sumSq = 0;
        for (Map<String, String> row : rows) {
            double x = pipeline.encode(row)[3];
            sum += x;
            sumSq += x * x;
        }
        assertThat(sum / rows.size()).isCloseTo(0, within(1e-5));
        assertThat(sumSq / rows.size()).isCloseTo(1, within(1e-4));
    }

    @Test
    void encodesNumbersGivenAsTextOrNumbersAlike() {
        Map<String, Object> typed = new HashMap<>(rows.get(0));
        typed.put("Beak Length (mm)", 39.1);
        typed.put("Body Mass (g)", 3750);
        assertThat(pipeline.encode(typed)).containsExactly(pipeline.encode(rows.get(0)));
    }

    @Test
    void survivesJsonRoundTripWithIdenticalEncoding() {
        FeaturePipeline restored = FeaturePipeline.fromJson(pipeline.toJson());
        assertThat(restored).isEqualTo(pipeline);
        for (Map<String, String> row : rows) {
            assertThat(restored.encode(row)).containsExactly(pipeline.encode(row));
        }
    }

    @Test
    void namesTheFieldOfEveryEncodingProblem() {
        Map<String, Object> row = new HashMap<>(rows.get(0));
        row.put("Island", "Atlantis");
        assertThatThrownBy(() -> pipeline.encode(row)).isInstanceOf(FeatureEncodingException.class)
                .hasMessageContaining("unknown category 'Atlantis'")
                .extracting(e -> ((FeatureEncodingException) e).field()).isEqualTo("Island");

        row.put("Island", "Dream");
        row.put("Body Mass (g)", "heavy");
        assertThatThrownBy(() -> pipeline.encode(row)).extracting(e -> ((FeatureEncodingException) e).field())
                .isEqualTo("Body Mass (g)");
        row.put("Body Mass (g)", Double.NaN);
        assertThatThrownBy(() -> pipeline.encode(row)).hasMessageContaining("finite");
        row.remove("Body Mass (g)");
        assertThatThrownBy(() -> pipeline.encode(row)).hasMessageContaining("required");
        row.put("Body Mass (g)", true);
        assertThatThrownBy(() -> pipeline.encode(row)).hasMessageContaining("must be a number");
    }

    @Test
    void scalesARegressionLabelAndDecodesItBack() {
        FeaturePipeline regression = FeaturePipeline.fit(schema, "Body Mass (g)", false, rows);
        Map<String, String> row = rows.get(0);
        float scaled = regression.encodeLabel(row);
        assertThat(regression.decodeValue(scaled)).isCloseTo(3750, within(1e-3));
        assertThat(regression.inputNames()).doesNotContain("Body Mass (g)").contains("Species");
    }

    @Test
    void imputesWhatTrainingSawMissingWithTheMedianAndSaysItWasMissing() throws IOException {
        List<Map<String, String>> all = PenguinRows.all().rows();
        SchemaInference inference = new SchemaInference(PenguinRows.all().columns());
        all.forEach(r -> inference.observe(List.copyOf(r.values())));
        FeaturePipeline imputing = FeaturePipeline.fit(inference.result(), "Species", true, all);

        FeatureColumn mass = imputing.features().get(4);
        assertThat(mass.name()).isEqualTo("Body Mass (g)");
        assertThat(mass.fill()).as("the median of the 342 masses").isEqualTo(4050.0);
        assertThat(imputing.features().get(5).categories()).containsExactly("FEMALE", "MALE", FeatureColumn.MISSING);
        assertThat(imputing.width()).isEqualTo(3 + 4 * 2 + 3);

        Map<String, Object> record = new HashMap<>(all.get(0));
        record.remove("Body Mass (g)");
        record.put("Sex", ".");
        float[] v = imputing.encode(record);
        assertThat(v[9]).isCloseTo((float) ((4050.0 - mass.mean()) / mass.scale()), within(1e-6f));
        assertThat(v[10]).as("missing indicator").isEqualTo(1f);
        assertThat(new float[] {v[11], v[12], v[13]}).containsExactly(0f, 0f, 1f);
        record.put("Body Mass (g)", 3750);
        record.put("Sex", null);
        assertThat(imputing.encode(record)[10]).isEqualTo(0f);
        // The row with every measurement empty is encoded like one sent without them.
        Map<String, Object> absent = new HashMap<>(Map.of("Island", "Torgersen"));
        assertThat(imputing.encode(all.get(3))).containsExactly(imputing.encode(absent));
        assertThat(imputing.tableColumns()).containsExactlyElementsOf(PenguinRows.all().columns());
        assertThat(imputing.report()).extracting(ColumnFate::use).containsExactly("label", "input", "input", "input",
                "input", "input", "input");
        assertThat(imputing.report().get(0).detail()).isEqualTo("the label: 3 classes");
        assertThat(imputing.report().get(5).detail())
                .isEqualTo("a number, standardised; 2 missing, imputed with the median 4050.0 and flagged");
        assertThat(imputing.report().get(6).detail())
                .isEqualTo("a category, one-hot over 2 of 2; 11 missing, a category of their own");
    }

    @Test
    void keepsTheMostFrequentCategoriesAndCountsTheRestAsOther() {
        List<Map<String, String>> wide = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Category k appears 40 - k times: c00 most often, c39 once.
            int k = (int) Math.floor(40 - Math.sqrt(1600 - 4 * i));
            wide.add(Map.of("model", String.format("c%02d", Math.max(0, Math.min(39, k))), "y", i % 2 == 0 ? "a" : "b"));
        }
        SchemaInference inference = new SchemaInference(List.of("model", "y"));
        wide.forEach(r -> inference.observe(List.of(r.get("model"), r.get("y"))));
        FeaturePipeline topFive = FeaturePipeline.fit(inference.result(), "y", true, wide, 5);

        assertThat(topFive.features().get(0).categories()).containsExactly("c00", "c01", "c02", "c03", "c04",
                FeatureColumn.OTHER);
        assertThat(topFive.encode(Map.of("model", "c39"))).containsExactly(0f, 0f, 0f, 0f, 0f, 1f);
        assertThat(topFive.encode(Map.of("model", "never-seen"))).containsExactly(0f, 0f, 0f, 0f, 0f, 1f);
        assertThatThrownBy(() -> topFive.encode(Map.of())).hasMessageContaining("required");
    }

    @Test
    void readsAPipelineOfTheFirstFormatAsItWasWritten() {
        FeaturePipeline first = FeaturePipeline.fromJson("""
                {"formatVersion":1,"features":[{"name":"x","kind":"NUMERIC","mean":2.0,"scale":0.5,"categories":[]}],
                 "label":{"column":"y","kind":"CATEGORICAL","classes":["a","b"],"mean":0.0,"scale":1.0}}""");

        assertThat(first.encode(Map.of("x", 3))).containsExactly(2f);
        assertThatThrownBy(() -> first.encode(Map.of("x", "NA"))).hasMessageContaining("required");
        assertThat(first.tableColumns()).isEmpty();
    }

    @Test
    void encodesADateAsItsYearAndItsPlaceOnTheCircleOfMonthsWeekdaysAndDays() {
        List<Map<String, String>> flights = List.of(Map.of("date", "1990-01-01", "y", "a"),
                Map.of("date", "2000-07-01", "y", "b"), Map.of("date", "", "y", "a"), Map.of("date", "2010-12-31", "y", "b"));
        SchemaInference inference = new SchemaInference(List.of("date", "y"));
        flights.forEach(r -> inference.observe(List.of(r.get("date"), r.get("y"))));
        FeaturePipeline dated = FeaturePipeline.fit(inference.result(), "y", true, flights);

        FeatureColumn date = dated.features().get(0);
        assertThat(date.kind()).isEqualTo(FeatureKind.DATE);
        assertThat(dated.width()).as("year, month, weekday and day of year on the circle, missing").isEqualTo(8);
        float[] newYear = dated.encode(Map.of("date", "Jan 1 1990"));
        assertThat(newYear).containsExactly(dated.encode(Map.of("date", "1990-01-01")));
        // January: sine 0, cosine 1; 1990-01-01 was a Monday: the same.
        assertThat(new float[] {newYear[1], newYear[2], newYear[3], newYear[4]}).containsExactly(0f, 1f, 0f, 1f);
        assertThat(newYear[7]).isEqualTo(0f);
        float[] december = dated.encode(Map.of("date", "2010-12-31"));
        assertThat((double) december[1]).as("December sits just before January").isCloseTo(-0.5, within(1e-6));
        assertThat(december[0]).isGreaterThan(newYear[0]);
        Map<String, Object> none = new HashMap<>();
        none.put("date", null);
        assertThat(dated.encode(none)[7]).isEqualTo(1f);
        assertThatThrownBy(() -> dated.encode(Map.of("date", "someday"))).hasMessageContaining("is not a date")
                .extracting(e -> ((FeatureEncodingException) e).field()).isEqualTo("date");
    }
}
