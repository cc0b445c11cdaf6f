package io.modelway.training.specs;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A spec or a run that could never train is refused when it is sent, naming the field, against the real
 * ingest-service: a label that is not a column of the dataset or cannot be predicted by the spec's type, a run
 * of a dataset version that does not exist.
 */
@ServiceFlowTest(properties = "MODELWAY_REGISTRY_URL=http://127.0.0.1:9")
class SpecChecksFlowTests {

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        IngestForTests.register(registry);
    }

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    private Http.Response put(String model, Map<String, Object> spec) {
        return http.putJson("/api/training-specs/" + model, spec);
    }

    private static Map<String, Object> spec(String dataset, String type, String label) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dataset", dataset);
        spec.put("type", type);
        spec.put("label", label);
        return spec;
    }

    private static void assertField(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }

    @Test
    void aLabelThatIsNotAColumnOrDoesNotFitTheTypeIsRefusedAtPut() {
        IngestForTests.upload("checked-penguins", """
                Species,Island,Body Mass (g)
                Adelie,Dream,3700
                Gentoo,Biscoe,5000
                Chinstrap,Dream,3800
                """);

        Http.Response typo = put("checked", spec("checked-penguins", "classifier", "Speciez"));
        assertField(typo, 400, "label");
        assertThat(typo.json().get("detail").asString())
                .contains("'Speciez' is not a column of dataset 'checked-penguins'", "Species", "Body Mass (g)");
        Http.Response categorical = put("checked", spec("checked-penguins", "regressor", "Island"));
        assertField(categorical, 400, "label");
        assertThat(categorical.json().get("detail").asString()).contains("a regressor predicts a numeric column");
        assertThat(http.get("/api/training-specs/checked").status()).as("nothing was written").isEqualTo(404);

        assertThat(put("checked", spec("checked-penguins", "classifier", "Species")).status()).isEqualTo(200);
        assertThat(put("checked-mass", spec("checked-penguins", "regressor", "Body Mass (g)")).status()).isEqualTo(200);
        assertThat(put("written-first", spec("not-uploaded-yet", "classifier", "Species")).status())
                .as("a spec may be written before its dataset's first upload").isEqualTo(200);
    }

    @Test
    void aBadValueDeepInTheSpecIsNamedByItsPath() {
        Map<String, Object> spec = spec("not-uploaded-yet", "classifier", "Species");
        spec.put("triggers", java.util.List.of("drift"));
        spec.put("drift", Map.of("cooldown", "soon"));
        Http.Response response = put("cooling", spec);
        assertField(response, 400, "drift.cooldown");
        assertThat(response.json().get("detail").asString()).contains("soon");
    }

    @Test
    void aRunOfADatasetVersionThatDoesNotExistIsNotFoundAtPost() {
        IngestForTests.upload("run-checked", "species,petal\nsetosa,1.4\nvirginica,5.5\n");
        assertThat(put("run-checked", spec("run-checked", "classifier", "species")).status()).isEqualTo(200);
        assertThat(put("run-unloaded", spec("never-uploaded", "classifier", "species")).status()).isEqualTo(200);

        Http.Response noSuchVersion = http.postJson("/api/training-runs", Map.of("model", "run-checked",
                "datasetVersion", 9));
        assertField(noSuchVersion, 404, "datasetVersion");
        assertThat(noSuchVersion.json().get("detail").asString()).contains("'run-checked' has no version 9");
        Http.Response noVersionYet = http.postJson("/api/training-runs", Map.of("model", "run-unloaded"));
        assertField(noVersionYet, 404, "datasetVersion");
        assertThat(http.postJson("/api/training-runs", Map.of("model", "no-spec")).status()).isEqualTo(404);
        assertThat(http.get("/api/training-runs?model=run-checked").json()).as("nothing was queued").isEmpty();

        assertThat(http.postJson("/api/training-runs", Map.of("model", "run-checked", "datasetVersion", 1)).status())
                .isEqualTo(202);
    }
}
