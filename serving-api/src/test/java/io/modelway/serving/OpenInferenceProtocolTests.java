package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.test.Http;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol v2 REST API, with requests shaped as in the KServe/Triton specification: health,
 * server and model metadata, readiness, inference with typed tensors, and {@code {"error": ...}} bodies.
 */
class OpenInferenceProtocolTests {

    static ServingStack stack;

    @BeforeAll
    static void models() {
        stack = ServingStack.get();
        stack.alias("oip", "production", stack.register("oip", TestModels.penguinsClassifier(4, 80, 16)));
        stack.alias("oip-mass", "production", stack.register("oip-mass", TestModels.penguinsRegressor(4, 60)));
        stack.awaitServed("oip", 1);
        stack.awaitServed("oip-mass", 1);
    }

    private static final String TWO_PENGUINS = """
            {
              "id": "42",
              "inputs": [
                {"name": "Island", "shape": [2], "datatype": "BYTES", "data": ["Biscoe", "Torgersen"]},
                {"name": "Beak Length (mm)", "shape": [2, 1], "datatype": "FP32", "data": [[46.1], [39.1]]},
                {"name": "Beak Depth (mm)", "shape": [2], "datatype": "FP64", "data": [13.2, 18.7]},
                {"name": "Flipper Length (mm)", "shape": [2], "datatype": "INT32", "data": [211, 181]},
                {"name": "Body Mass (g)", "shape": [2], "datatype": "INT64", "data": [4500, 3750]},
                {"name": "Sex", "shape": [2], "datatype": "BYTES", "data": ["FEMALE", "MALE"]}
              ],
              "outputs": [{"name": "label"}, {"name": "probabilities"}]
            }""";

    private Http.Response infer(String path, String body) {
        return stack.serving.post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthAndServerMetadata() {
        assertThat(stack.serving.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(stack.serving.get("/v2/health/ready").status()).isEqualTo(200);
        JsonNode server = stack.serving.get("/v2").json();
        assertThat(server.get("name").asString()).isEqualTo("modelway-serving");
        assertThat(server.has("version") && server.get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataListsInputsWithDatatypesAndShapes() {
        JsonNode metadata = stack.serving.get("/v2/models/oip").json();

        assertThat(metadata.get("name").asString()).isEqualTo("oip");
        assertThat(metadata.get("versions").get(0).asString()).isEqualTo("1");
        assertThat(metadata.get("inputs").valueStream().map(i -> i.get("name").asString() + ":"
                + i.get("datatype").asString() + ":" + i.get("shape")))
                .containsExactly("Island:BYTES:[-1]", "Beak Length (mm):FP64:[-1]", "Beak Depth (mm):FP64:[-1]",
                        "Flipper Length (mm):FP64:[-1]", "Body Mass (g):FP64:[-1]", "Sex:BYTES:[-1]");
        assertThat(metadata.get("outputs").valueStream().map(o -> o.get("name").asString() + ":" + o.get("shape")))
                .containsExactly("label:[-1]", "probabilities:[-1,3]");
        assertThat(stack.serving.get("/v2/models/oip/versions/1").json().get("versions").get(0).asString()).isEqualTo("1");
        assertThat(stack.serving.get("/v2/models/oip/ready").status()).isEqualTo(200);
        assertThat(stack.serving.get("/v2/models/oip/versions/1/ready").status()).isEqualTo(200);
        assertThat(stack.serving.get("/v2/models/nothing/ready").status()).isEqualTo(404);
        assertThat(stack.serving.get("/v2/models/nothing").json().get("error").asString()).contains("nothing");
    }

    @Test
    void infersOneRowPerTensorElement() {
        Http.Response response = infer("/v2/models/oip/infer", TWO_PENGUINS);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("model_name").asString()).isEqualTo("oip");
        assertThat(body.get("model_version").asString()).isEqualTo("1");
        assertThat(body.get("id").asString()).isEqualTo("42");
        JsonNode label = body.get("outputs").get(0);
        assertThat(label.get("name").asString()).isEqualTo("label");
        assertThat(label.get("datatype").asString()).isEqualTo("BYTES");
        assertThat(label.get("shape").toString()).isEqualTo("[2]");
        assertThat(label.get("data").valueStream().map(JsonNode::asString)).containsExactly("Gentoo", "Adelie");
        JsonNode probabilities = body.get("outputs").get(1);
        assertThat(probabilities.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(probabilities.get("data")).hasSize(6);
        assertThat(body.get("parameters").get("model_sha256").asString()).hasSize(64);
        assertThat(infer("/v2/models/oip/versions/1/infer", TWO_PENGUINS).status()).isEqualTo(200);
    }

    @Test
    void regressorAnswersAValueTensorAndOutputsCanBeChosen() {
        Http.Response response = infer("/v2/models/oip-mass/infer", """
                {"inputs": [
                  {"name": "Species", "shape": [1], "datatype": "BYTES", "data": ["Gentoo"]},
                  {"name": "Island", "shape": [1], "datatype": "BYTES", "data": ["Biscoe"]},
                  {"name": "Beak Length (mm)", "shape": [1], "datatype": "FP64", "data": [46.1]},
                  {"name": "Beak Depth (mm)", "shape": [1], "datatype": "FP64", "data": [13.2]},
                  {"name": "Flipper Length (mm)", "shape": [1], "datatype": "FP64", "data": [211]},
                  {"name": "Sex", "shape": [1], "datatype": "BYTES", "data": ["FEMALE"]}
                ]}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode value = response.json().get("outputs").get(0);
        assertThat(value.get("name").asString()).isEqualTo("value");
        assertThat(value.get("data").get(0).asDouble()).isBetween(3500.0, 6500.0);
        JsonNode unknownOutput = infer("/v2/models/oip/infer", TWO_PENGUINS.replace("{\"name\": \"probabilities\"}",
                "{\"name\": \"logits\"}")).json();
        assertThat(unknownOutput.get("field").asString()).isEqualTo("outputs[1].name");
    }

    @Test
    void errorsCarryTheProtocolsErrorMemberAndNameTheTensor() {
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace("\"Biscoe\"", "\"Atlantis\"")),
                "inputs[0].data[0]", "Atlantis");
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace("[4500, 3750]", "[4500]")),
                "inputs[4].data", "shape");
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace("\"FP64\", \"data\": [13.2, 18.7]",
                "\"BYTES\", \"data\": [\"13.2\", \"18.7\"]")), "inputs[2].datatype", "numeric");
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace("\"datatype\": \"INT32\"", "\"datatype\": \"INT33\"")),
                "inputs[3].datatype", "INT32");
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace("\"name\": \"Sex\"", "\"name\": \"Gender\"")),
                "inputs[5].name", "Gender");
        assertError(infer("/v2/models/oip/infer", TWO_PENGUINS.replace(
                ",\n    {\"name\": \"Sex\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"FEMALE\", \"MALE\"]}", "")),
                "inputs", "Sex");
        assertError(infer("/v2/models/oip/infer", "{\"inputs\": []}"), "inputs", "one tensor per model input");
        assertError(infer("/v2/models/oip/infer", "{\"inputs\": "), "body", "");
        Http.Response notServed = infer("/v2/models/nothing/infer", TWO_PENGUINS);
        assertThat(notServed.status()).isEqualTo(404);
        assertThat(notServed.json().get("error").asString()).contains("nothing");
    }

    private static void assertError(Http.Response response, String field, String mentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).as(response.body()).contains(mentions);
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }
}
