package io.modelway.serving;

import static io.modelway.serving.PredictionFlowTests.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.json.ModelwayJson;
import io.modelway.test.Await;
import io.modelway.test.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way an instance can be wrong gets a 4xx problem naming the field, checked against the model's own
 * pipeline; per-model policy (registry tags) decides about extra fields and unknown categories.
 */
class InputValidationTests {

    static ServingStack stack;

    @BeforeAll
    static void models() {
        stack = ServingStack.get();
        TestModels.Artifacts model = TestModels.penguinsClassifier(3, 20, 8);
        stack.alias("strict", "production", stack.register("strict", model));
        int lenient = stack.register("lenient", model);
        stack.tag("lenient", "serving.extra-fields", "ignore");
        stack.tag("lenient", "serving.unknown-categories", "ignore");
        stack.alias("lenient", "production", lenient);
        stack.awaitServed("strict", 1);
        stack.awaitServed("lenient", 1);
    }

    private static Map<String, Object> gentooWith(String field, Object value) {
        Map<String, Object> instance = new LinkedHashMap<>(ServingStack.gentoo());
        instance.put(field, value);
        return instance;
    }

    private static Map<String, Object> gentooWithout(String field) {
        Map<String, Object> instance = new LinkedHashMap<>(ServingStack.gentoo());
        instance.remove(field);
        return instance;
    }

    @Test
    void missingFieldIsNamedWithItsInstance() {
        assertField(stack.predict("strict", List.of(ServingStack.gentoo(), gentooWithout("Sex"))), 400, "instances[1].Sex");
        assertField(stack.predict("strict", List.of(gentooWith("Sex", null))), 400, "instances[0].Sex");
        assertField(stack.predict("strict", List.of(gentooWith("Sex", "NA"))), 400, "instances[0].Sex");
    }

    @Test
    void extraFieldIsRefusedUnlessTheModelIgnoresThem() {
        Map<String, Object> withId = gentooWith("penguin_id", 17);

        assertField(stack.predict("strict", List.of(withId)), 400, "instances[0].penguin_id");
        assertThat(stack.predict("lenient", List.of(withId)).status()).isEqualTo(200);
    }

    @Test
    void wrongTypesAreRefused() {
        assertField(stack.predict("strict", List.of(gentooWith("Body Mass (g)", "heavy"))), 400,
                "instances[0].Body Mass (g)");
        assertField(stack.predict("strict", List.of(gentooWith("Body Mass (g)", true))), 400,
                "instances[0].Body Mass (g)");
        assertField(stack.predict("strict", List.of(gentooWith("Body Mass (g)", List.of(4500)))), 400,
                "instances[0].Body Mass (g)");
        assertField(stack.predict("strict", List.of(gentooWith("Island", Map.of("name", "Biscoe")))), 400,
                "instances[0].Island");
        assertField(stack.predict("strict", List.of(gentooWith("Island", List.of("Biscoe")))), 400, "instances[0].Island");
        // A number written as text is read as the number.
        assertThat(stack.predict("strict", List.of(gentooWith("Body Mass (g)", "4500"))).status()).isEqualTo(200);
    }

    @Test
    void notFiniteNumbersAreRefused() {
        for (String notFinite : List.of("NaN", "Infinity", "-Infinity", "1e999")) {
            assertField(stack.predict("strict", List.of(gentooWith("Beak Depth (mm)", notFinite))), 400,
                    "instances[0].Beak Depth (mm)");
        }
        Http.Response bareNaN = stack.serving.post("/api/models/strict/predict", "application/json",
                """
                {"instances":[{"Island":"Biscoe","Beak Length (mm)":NaN}]}""".getBytes(StandardCharsets.UTF_8));
        // Not JSON at all: the parser stops at the token, before any field is known.
        assertField(bareNaN, 400, "body");
        assertThat(bareNaN.json().get("detail").asString()).contains("NaN");
    }

    @Test
    void unknownCategoryIsRefusedUnlessTheModelIgnoresIt() {
        Http.Response strict = stack.predict("strict", List.of(gentooWith("Island", "Atlantis")));
        Http.Response lenient = stack.predict("lenient", List.of(gentooWith("Island", "Atlantis")));

        assertField(strict, 400, "instances[0].Island");
        assertThat(strict.json().get("detail").asString()).contains("Atlantis", "Biscoe", "Dream", "Torgersen");
        assertThat(lenient.status()).as(lenient.body()).isEqualTo(200);
    }

    @Test
    void policyFollowsTheTagsAsTheyChange() {
        stack.tag("strict", "serving.extra-fields", "ignore");
        Await.until("strict to ignore extra fields", Duration.ofSeconds(20),
                () -> stack.predict("strict", List.of(gentooWith("note", "x"))), r -> r.status() == 200);
        stack.tag("strict", "serving.extra-fields", null);
        Await.until("strict to refuse extra fields again", Duration.ofSeconds(20),
                () -> stack.predict("strict", List.of(gentooWith("note", "x"))), r -> r.status() == 400);
    }

    @Test
    void batchShapeIsChecked() {
        assertField(stack.serving.postJson("/api/models/strict/predict", Map.of("instances", List.of())), 400, "instances");
        assertField(stack.serving.postJson("/api/models/strict/predict", Map.of()), 400, "instances");
        assertField(stack.serving.postJson("/api/models/strict/predict", Map.of("instances", Collections.singletonList(null))),
                400, "instances[0]");
        assertField(stack.serving.postJson("/api/models/strict/predict", Map.of("instances", List.of(1, 2))), 400,
                "instances[0]");
        assertField(stack.serving.post("/api/models/strict/predict", "application/json",
                "{\"instances\": [".getBytes(StandardCharsets.UTF_8)), 400, "body");
        List<Map<String, Object>> tooMany = new ArrayList<>(Collections.nCopies(1001, ServingStack.gentoo()));
        assertField(stack.predict("strict", tooMany), 413, "instances");
        assertThat(stack.predict("strict", tooMany.subList(0, 1000)).status()).isEqualTo(200);
    }

    @Test
    void aBodyPastTheLimitIsRefusedNamingTheLimitOnEveryProtocol() {
        // 1.5 MB of instances, past the 1 MB limit: announced by its length, or sent chunked and counted as read.
        StringBuilder padded = new StringBuilder("{\"instances\":[");
        String one = ModelwayJson.toText(ServingStack.gentoo());
        while (padded.length() < 1_500_000) {
            padded.append(one).append(',');
        }
        byte[] large = (padded.append(one).append("]}")).toString().getBytes(StandardCharsets.UTF_8);
        byte[] largeV2 = ("{\"inputs\":[{\"name\":\"Island\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\""
                + "x".repeat(1_500_000) + "\"]}]}").getBytes(StandardCharsets.UTF_8);
        for (Http.Response response : List.of(
                stack.serving.post("/api/models/strict/predict", "application/json", large),
                stack.serving.postChunked("/api/models/strict/predict", "application/json", large),
                stack.serving.post("/v2/models/strict/infer", "application/json", largeV2),
                stack.serving.postChunked("/v2/models/strict/infer", "application/json", largeV2),
                stack.serving.postChunked("/invocations?model=strict", "application/json", large),
                stack.serving.postChunked("/api/feedback", "application/json", largeV2))) {
            assertField(response, 413, "body");
            assertThat(response.json().get("detail").asString()).contains("1024 KB", "MODELWAY_WEB_MAX_BODY_SIZE");
        }
        assertThat(stack.predict("strict", List.of(ServingStack.gentoo())).status()).isEqualTo(200);
    }

    @Test
    void unknownModelOrVersionIsNotFound() {
        assertThat(stack.predict("no-such-model", List.of(ServingStack.gentoo())).status()).isEqualTo(404);
        assertThat(stack.serving.postJson("/api/models/strict/versions/99/predict",
                Map.of("instances", List.of(ServingStack.gentoo()))).status()).isEqualTo(404);
        assertField(stack.serving.postJson("/api/models/strict/versions/one/predict",
                Map.of("instances", List.of(ServingStack.gentoo()))), 400, "version");
    }
}
