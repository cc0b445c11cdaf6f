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
}
