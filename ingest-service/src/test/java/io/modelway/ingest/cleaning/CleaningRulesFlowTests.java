package io.modelway.ingest.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.Samples;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Cleaning rules declared in a schema, applied by the real service to the penguins sample with a few
 * rows added: imputation, category spelling, declared categories, outliers, duplicates, and a report
 * per column of everything cleaning found.
 */
@ServiceFlowTest
class CleaningRulesFlowTests {

    private static final String SCHEMA = """
            {"dedupe": true, "columns": [
              {"name": "Species", "type": "CATEGORICAL", "role": "LABEL", "categories": ["Adelie", "Chinstrap", "Gentoo"]},
              {"name": "Island", "type": "CATEGORICAL", "categories": ["Biscoe", "Dream", "Torgersen"]},
              {"name": "Beak Length (mm)", "type": "NUMERIC", "rules": {"missing": "impute", "impute": "median"}},
              {"name": "Beak Depth (mm)", "type": "NUMERIC", "rules": {"missing": "impute", "impute": "median"}},
              {"name": "Flipper Length (mm)", "type": "NUMERIC", "rules": {"missing": "impute", "impute": "mean"}},
              {"name": "Body Mass (g)", "type": "NUMERIC", "rules": {"missing": "impute", "impute": "median",
                "outliers": {"method": "iqr", "threshold": 1.5}}},
              {"name": "Sex", "type": "CATEGORICAL", "categories": ["FEMALE", "MALE"],
                "rules": {"missing": "impute", "impute": "mode", "normalize": "upper", "synonyms": {"m": "MALE", "f": "FEMALE"}}}
            ]}""";

    private static final String EXTRA_ROWS = """
            Adelie,Torgersen,39.1,18.7,181,3750,MALE
            Adelie,Torgersen,39.1,18.7,181,3750,m
            Gentoo,Biscoe,50.0,15.0,220,5000,f
            Emperor,Biscoe,50,15,220,5000,MALE
            Adelie,Dream,38,18,190,99999,FEMALE
            """;

    Http http;
    Http metrics;

    @BeforeEach
    void client(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
        metrics = Http.local(managementPort);
    }

    @Test
    void declaredRulesCleanPenguinsAndReportEveryColumn() {
        declare("penguins-rules");
        byte[] csv = (new String(Samples.bytes("penguins.csv"), StandardCharsets.UTF_8) + EXTRA_ROWS)
                .getBytes(StandardCharsets.UTF_8);

        Http.Response response = http.post("/api/datasets/penguins-rules/uploads", "text/csv", csv);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode version = response.json();
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(349);
        assertThat(version.get("rowsClean").asLong()).isEqualTo(345);
        assertThat(version.get("rowsQuarantined").asLong()).isEqualTo(4);
        assertThat(counts(version.get("quarantineReasons")))
                .isEqualTo(Map.of("duplicate_row", 2L, "unknown_category", 1L, "outlier", 1L));

        JsonNode report = version.get("columnReport");
        assertThat(counts(report.get("Sex"))).isEqualTo(Map.of("missing", 11L, "missing as '.'", 1L, "imputed", 11L,
                "normalized", 2L));
        assertThat(counts(report.get("Beak Length (mm)"))).isEqualTo(Map.of("missing", 2L, "imputed", 2L));
        assertThat(counts(report.get("Body Mass (g)"))).isEqualTo(Map.of("missing", 2L, "imputed", 2L, "outlier", 1L));
        assertThat(counts(report.get("Species"))).isEqualTo(Map.of("unknown_category", 1L));
        assertThat(report.has("Island")).isFalse();

        JsonNode sex = profileColumn("penguins-rules", "Sex");
        assertThat(counts(sex.get("frequencies"))).isEqualTo(Map.of("MALE", 179L, "FEMALE", 166L));
        assertThat(profileColumn("penguins-rules", "Body Mass (g)").get("max").asDouble()).isEqualTo(6300.0);

        String quarantine = http.get("/api/datasets/penguins-rules/versions/1/quarantine").body();
        assertThat(quarantine).contains(
                "unknown_category,Species,\"'Emperor' is not one of [Adelie, Chinstrap, Gentoo]\"",
                "outlier,Body Mass (g),\"99999 is outside the outlier bounds [1693.75, 6643.75]\"");

        String firstTwo = http.get("/api/datasets/penguins-rules/versions/1/quarantine?limit=2").body();
        assertThat(firstTwo.lines()).hasSize(3).first().isEqualTo("line,reason,column,detail,raw");
        assertThat(quarantine).startsWith(firstTwo);
        Http.Response negative = http.get("/api/datasets/penguins-rules/versions/1/quarantine?limit=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").asString()).isEqualTo("limit");

        assertThat(metrics.metric("modelway_dataset_rows_total", Map.of("dataset", "penguins-rules", "outcome", "clean")))
                .hasValue(345.0);
        assertThat(metrics.metric("modelway_dataset_rows_total",
                Map.of("dataset", "penguins-rules", "outcome", "quarantined"))).hasValue(4.0);
        assertThat(metrics.metric("modelway_dataset_quarantined_rows_total",
                Map.of("dataset", "penguins-rules", "reason", "duplicate_row"))).hasValue(2.0);
        assertThat(metrics.metric("modelway_dataset_quarantined_rows_total",
                Map.of("dataset", "penguins-rules", "reason", "outlier"))).hasValue(1.0);
    }

    @Test
    void laterUploadWithColumnsInAnotherOrderIsReadByName() {
        declare("penguins-reordered");
        String csv = """
                Sex,Island,Species,Body Mass (g),Flipper Length (mm),Beak Depth (mm),Beak Length (mm)
                f,Dream,Chinstrap,3700,195,18.1,46.5
                MALE,Biscoe,Gentoo,5400,221,15.7,50.0
                """;

        Http.Response response = http.post("/api/datasets/penguins-reordered/uploads", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("rowsClean").asLong()).isEqualTo(2);
        String data = http.get("/api/datasets/penguins-reordered/versions/1/profile").body();
        assertThat(data).contains("\"FEMALE\":1");
    }

    @Test
    void laterUploadThatBreaksTheSchemaIsReportedPerColumn() {
        declare("penguins-broken");
        String csv = """
                Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Weight,Sex
                Adelie,Dream,38,18,190,3500,MALE
                """;

        Http.Response response = http.post("/api/datasets/penguins-broken/uploads", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("field").asString()).isEqualTo("header");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("column").asString() + " " + e.get("message")
                .asString())).containsExactly("Body Mass (g) is in the schema but not in the upload",
                "Weight is in the upload but not in the schema");
    }

    @Test
    void schemaWithInvalidRulesIsRefusedNamingEachField() {
        Http.Response response = http.put("/api/datasets/rules-bad/schema", "application/json", """
                {"columns": [
                  {"name": "label", "type": "CATEGORICAL", "role": "LABEL", "rules": {"missing": "impute", "impute": "mode"}},
                  {"name": "x", "type": "NUMERIC", "rules": {"missing": "impute", "impute": "mode",
                    "outliers": {"method": "sigma"}}},
                  {"name": "c", "type": "CATEGORICAL", "rules": {"coerce": true, "missing": "sometimes"}}
                ]}""".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("field").asString()).isEqualTo("columns[0].rules.missing");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactly(
                "columns[0].rules.missing", "columns[1].rules.impute", "columns[1].rules.outliers.method",
                "columns[2].rules.missing", "columns[2].rules.coerce");
    }

    private void declare(String dataset) {
        Http.Response declared = http.put("/api/datasets/" + dataset + "/schema", "application/json",
                SCHEMA.getBytes(StandardCharsets.UTF_8));
        assertThat(declared.status()).as(declared.body()).isEqualTo(200);
    }

    private JsonNode profileColumn(String dataset, String column) {
        JsonNode profile = http.get("/api/datasets/" + dataset + "/versions/1/profile").json();
        return profile.get("columns").valueStream().filter(c -> c.get("name").asString().equals(column)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }
}
