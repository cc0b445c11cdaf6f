package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.test.Http;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's scoring server API, with the four JSON input formats of MLflow's documentation and CSV; errors carry
 * MLflow's {@code error_code} and {@code message}.
 */
class MlflowProtocolTests {

    static ServingStack stack;

    @BeforeAll
    static void models() {
        stack = ServingStack.get();
        TestModels.Artifacts model = TestModels.penguinsClassifier(5, 80, 16);
        stack.alias("mlflow", "production", stack.register("mlflow", model));
        stack.alias("mlflow-other", "production", stack.register("mlflow-other", model));
        stack.awaitServed("mlflow", 1);
        stack.awaitServed("mlflow-other", 1);
    }

    private Http.Response invoke(String body) {
        return stack.serving.post("/invocations?model=mlflow", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertLabels(Http.Response response, String... labels) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode predictions = response.json().get("predictions");
        assertThat(predictions.valueStream().map(p -> p.get("label").asString())).containsExactly(labels);
    }

    @Test
    void dataframeSplit() {
        assertLabels(invoke("""
                {"dataframe_split": {
                  "columns": ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"],
                  "index": [0, 1],
                  "data": [["Biscoe", 46.1, 13.2, 211, 4500, "FEMALE"], ["Torgersen", 39.1, 18.7, 181, 3750, "MALE"]]}}"""),
                "Gentoo", "Adelie");
    }

    @Test
    void dataframeRecords() {
        assertLabels(invoke("""
                {"dataframe_records": [
                  {"Island": "Biscoe", "Beak Length (mm)": 46.1, "Beak Depth (mm)": 13.2, "Flipper Length (mm)": 211,
                   "Body Mass (g)": 4500, "Sex": "FEMALE"}]}"""), "Gentoo");
    }

    @Test
    void instancesAsRecordsAndAsColumns() {
        assertLabels(invoke("""
                {"instances": [{"Island": "Torgersen", "Beak Length (mm)": 39.1, "Beak Depth (mm)": 18.7,
                  "Flipper Length (mm)": 181, "Body Mass (g)": 3750, "Sex": "MALE"}]}"""), "Adelie");
        assertLabels(invoke("""
                {"instances": {"Island": ["Biscoe", "Torgersen"], "Beak Length (mm)": [46.1, 39.1],
                  "Beak Depth (mm)": [13.2, 18.7], "Flipper Length (mm)": [211, 181], "Body Mass (g)": [4500, 3750],
                  "Sex": ["FEMALE", "MALE"]}}"""), "Gentoo", "Adelie");
    }

    @Test
    void inputs() {
        assertLabels(invoke("""
                {"inputs": {"Island": ["Biscoe"], "Beak Length (mm)": [46.1], "Beak Depth (mm)": [13.2],
                  "Flipper Length (mm)": [211], "Body Mass (g)": [4500], "Sex": ["FEMALE"]}}"""), "Gentoo");
    }

    @Test
    void csv() {
        Http.Response response = stack.serving.post("/invocations?model=mlflow", "text/csv", """
                Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex
                Biscoe,46.1,13.2,211,4500,FEMALE
                Torgersen,39.1,18.7,181,3750,MALE
                """.getBytes(StandardCharsets.UTF_8));
        assertLabels(response, "Gentoo", "Adelie");
    }

    @Test
    void pingHealthAndVersion() {
        assertThat(stack.serving.get("/ping").status()).isEqualTo(200);
        assertThat(stack.serving.get("/health").status()).isEqualTo(200);
        Http.Response version = stack.serving.get("/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body()).isNotBlank();
    }

    @Test
    void errorsCarryMlflowsErrorCode() {
        assertError(invoke("{\"dataframe_records\": [{\"Island\": \"Biscoe\"}]}"), 400, "BAD_REQUEST",
                "instances[0].Beak Length (mm)");
        assertError(invoke("{\"records\": []}"), 400, "BAD_REQUEST", "body");
        assertError(invoke("{\"instances\": [], \"inputs\": []}"), 400, "BAD_REQUEST", "body");
        assertError(invoke("{\"dataframe_split\": {\"columns\": [\"Island\"], \"data\": [[\"Biscoe\", 1]]}}"), 400,
                "BAD_REQUEST", "dataframe_split.data[0]");
        assertError(invoke("{\"instances\": [[1, 2, 3]]}"), 400, "BAD_REQUEST", "instances[0]");
        assertError(invoke("{\"instances\": {\"Island\": [\"Biscoe\"], \"Sex\": [\"MALE\", \"FEMALE\"]}}"), 400,
                "BAD_REQUEST", "instances.Sex");
        assertError(invoke("not json"), 400, "BAD_REQUEST", "body");
        assertError(stack.serving.post("/invocations?model=elsewhere", "application/json",
                "{\"instances\": [{}]}".getBytes(StandardCharsets.UTF_8)), 404, "RESOURCE_DOES_NOT_EXIST", null);
        assertError(stack.serving.post("/invocations", "application/json",
                "{\"instances\": [{}]}".getBytes(StandardCharsets.UTF_8)), 400, "BAD_REQUEST", "model");
        assertThat(stack.serving.post("/invocations?model=mlflow", "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(415);
    }

    private static void assertError(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error_code").asString()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
        if (field != null) {
            assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
        }
    }
}
