package io.modelway.ingest.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Production rows with their true labels become dataset versions on the real store and database: appended to a
 * base version's clean rows or alone as a window, cleaned like any upload (every row counted clean or
 * quarantined), with their provenance down to each prediction id, once however often they are sent.
 */
@ServiceFlowTest
class LabelledRowsFlowTests {

    private static final String BASE = """
            length,colour,species
            4.1,red,alpha
            4.3,red,alpha
            7.9,blue,beta
            8.2,blue,beta
            """;

    @Autowired
    ObjectStore store;

    @LocalServerPort
    int port;

    Http engineer;

    @BeforeEach
    void client() {
        engineer = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    private void base(String dataset) {
        Http.Response upload = engineer.post("/api/datasets/" + dataset + "/uploads", "text/csv",
                BASE.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    }

    private static Map<String, Object> row(String requestId, int version, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requestId", requestId);
        row.put("model", "flowers");
        row.put("modelVersion", version);
        row.put("labelledAt", "2026-12-01T10:00:0" + (requestId.length() % 10) + "Z");
        row.put("values", values);
        return row;
    }

    private static List<Map<String, Object>> shifted(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row("req-" + i, i < 2 ? 1 : 2, Map.of("length", 12.5 + i, "colour", "blue", "species", "gamma")));
        }
        return rows;
    }

    @Test
    void appendsLabelledRowsToTheBaseVersionWithTheirProvenanceOnce() {
        base("fb-append");
        Map<String, Object> body = Map.of("mix", "append", "rows", shifted(3));

        Http.Response created = engineer.postJson("/api/datasets/fb-append/labelled-rows", body);
        Http.Response again = engineer.postJson("/api/datasets/fb-append/labelled-rows", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode version = created.json();
        assertThat(version.get("version").asInt()).isEqualTo(2);
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(7);
        assertThat(version.get("rowsClean").asLong()).isEqualTo(7);
        JsonNode source = version.get("source");
        assertThat(source.get("kind").asString()).isEqualTo("feedback");
        assertThat(source.get("mix").asString()).isEqualTo("append");
        assertThat(source.get("baseVersion").asInt()).isEqualTo(1);
        assertThat(source.get("feedbackRows").asInt()).isEqualTo(3);
        assertThat(source.get("modelVersions").valueStream().map(v -> v.get("model").asString() + " v"
                + v.get("version").asInt() + ": " + v.get("rows").asInt())).containsExactly("flowers v1: 2", "flowers v2: 1");
        assertThat(again.status()).as("the same rows on the same base again").isEqualTo(200);
        assertThat(again.json().get("version").asInt()).isEqualTo(2);

        String data = new String(store.get(version.get("objects").get("data").get("key").asString()),
                StandardCharsets.UTF_8);
        assertThat(data.lines()).containsExactly("length,colour,species", "4.1,red,alpha", "4.3,red,alpha",
                "7.9,blue,beta", "8.2,blue,beta", "12.5,blue,gamma", "13.5,blue,gamma", "14.5,blue,gamma");
        JsonNode manifest = ModelwayJson.mapper().readTree(store.get(version.get("objects").get("manifest").get("key")
                .asString()));
        assertThat(manifest.get("source").get("predictions").valueStream().map(p -> p.get("requestId").asString()))
                .containsExactly("req-0", "req-1", "req-2");
    }

    @Test
    void aWindowHoldsItsRowsAloneAndCleaningQuarantinesABadOneWithItsReason() {
        base("fb-window");
        List<Map<String, Object>> rows = shifted(3);
        rows.add(row("req-bad", 2, Map.of("length", "not a length", "colour", "blue", "species", "gamma",
                "probe", "p-7")));

        Http.Response created = engineer.postJson("/api/datasets/fb-window/labelled-rows",
                Map.of("mix", "window", "rows", rows));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode version = created.json();
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(4);
        assertThat(version.get("rowsClean").asLong() + version.get("rowsQuarantined").asLong()).isEqualTo(4);
        assertThat(version.get("rowsQuarantined").asLong()).isEqualTo(1);
        assertThat(version.get("quarantineReasons").properties()).hasSize(1);
        assertThat(version.get("source").get("baseVersion").isNull()).isTrue();
        assertThat(version.get("source").get("valuesNotInDataset").get("probe").asLong()).isEqualTo(1);
    }

    @Test
    void refusesABodyThatCannotBeRowsNamingTheField() {
        base("fb-bad");
        Map<String, Object> twice = row("req-1", 1, Map.of("length", 5.0));

        assertProblem(engineer.postJson("/api/datasets/fb-bad/labelled-rows", Map.of("mix", "blend", "rows", shifted(1))),
                400, "mix");
        assertProblem(engineer.postJson("/api/datasets/fb-bad/labelled-rows", Map.of("mix", "append", "rows", List.of())),
                400, "rows");
        assertProblem(engineer.postJson("/api/datasets/fb-bad/labelled-rows", Map.of("rows", List.of(twice, twice))),
                400, "rows[1].requestId");
        assertProblem(engineer.postJson("/api/datasets/fb-bad/labelled-rows", Map.of("rows",
                List.of(row("req-2", 1, Map.of("length", Map.of("nested", 1)))))), 400, "rows[0].values.length");
        assertProblem(engineer.postJson("/api/datasets/fb-never/labelled-rows", Map.of("rows", shifted(1))), 404, null);
        assertThat(engineer.get("/api/datasets/fb-bad/versions").json().size()).as("nothing published").isEqualTo(1);
    }

    @Test
    void labelledRowsAreForEngineersAndTheClientGrantedTheFeedbackScope() {
        base("fb-access");
        Map<String, Object> body = Map.of("rows", shifted(1));

        Http.Response viewer = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER))
                .postJson("/api/datasets/fb-access/labelled-rows", body);
        Http.Response training = Http.local(port).as(TestIssuer.get().token("training-service",
                List.of("datasets.feedback"), Duration.ofMinutes(5), Role.VIEWER))
                .postJson("/api/datasets/fb-access/labelled-rows", body);

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().get("role").asString()).isEqualTo("engineer or scope datasets.feedback");
        assertThat(training.status()).as(training.body()).isEqualTo(201);
        assertThat(training.json().get("createdBy").asString()).isEqualTo("training-service");
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().get("field").asString()).isEqualTo(field);
        }
    }
}
