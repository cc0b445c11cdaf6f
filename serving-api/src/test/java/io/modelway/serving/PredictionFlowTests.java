package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.storage.Sha256;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Predictions through the Modelway API with a real registry, broker and store behind serving. */
class PredictionFlowTests {

    static ServingStack stack;
    static TestModels.Artifacts v1;
    static TestModels.Artifacts v2;

    @BeforeAll
    static void models() {
        stack = ServingStack.get();
        v1 = TestModels.penguinsClassifier(1, 80, 16);
        v2 = TestModels.penguinsClassifier(2, 3, 2);
        stack.register("flow", v1);
        stack.register("flow", v2);
        stack.alias("flow", "production", 1);
        stack.awaitServed("flow", 1);
    }

    @Test
    void answersWithTheAliasedVersionAndItsProvenance() {
        JsonNode response = stack.predict("flow", List.of(ServingStack.gentoo())).json();

        assertThat(response.get("model").asString()).isEqualTo("flow");
        assertThat(response.get("version").asInt()).isEqualTo(1);
        assertThat(response.get("modelSha256").asString()).isEqualTo(Sha256.of(v1.modelZip()));
        assertThat(response.get("dataset").asString()).isEqualTo("penguins");
        assertThat(response.get("datasetVersion").asInt()).isEqualTo(7);
        assertThat(response.get("servedAs").asString()).isEqualTo("primary");
        assertThat(response.get("requestId").asString()).matches("flow:1:[0-9a-f-]{36}");
        JsonNode prediction = response.get("predictions").get(0);
        assertThat(prediction.get("label").asString()).isEqualTo("Gentoo");
        assertThat(prediction.get("probabilities").valueStream().mapToDouble(JsonNode::asDouble).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void answersWithAnExplicitVersionLoadedOnFirstUse() {
        Http.Response response = stack.serving.postJson("/api/models/flow/versions/2/predict",
                Map.of("instances", List.of(ServingStack.gentoo())));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("version").asInt()).isEqualTo(2);
        assertThat(response.json().get("servedAs").asString()).isEqualTo("explicit");
        assertThat(response.json().get("modelSha256").asString()).isEqualTo(Sha256.of(v2.modelZip()));
        assertThat(stack.serving.postJson("/api/models/flow/versions/9/predict",
                Map.of("instances", List.of(ServingStack.gentoo()))).status()).isEqualTo(404);
    }

    @Test
    void scoresEveryInstanceOfABatchLikeItsSingleRequest() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Map<String, String> row : TestModels.penguins().subList(0, 50)) {
            Map<String, Object> instance = new HashMap<>(row);
            instance.remove("Species");
            batch.add(instance);
        }
        JsonNode together = stack.predict("flow", batch).json().get("predictions");

        for (int i = 0; i < batch.size(); i += 7) {
            JsonNode alone = stack.predict("flow", List.of(batch.get(i))).json().get("predictions").get(0);
            assertThat(together.get(i).get("label").asString()).isEqualTo(alone.get("label").asString());
            assertThat(together.get(i).get("probabilities").get("Adelie").asDouble())
                    .isCloseTo(alone.get("probabilities").get("Adelie").asDouble(),
                            org.assertj.core.data.Offset.offset(1e-5));
        }
        long correct = java.util.stream.IntStream.range(0, batch.size()).filter(i ->
                together.get(i).get("label").asString().equals(TestModels.penguins().get(i).get("Species"))).count();
        assertThat(correct).isGreaterThanOrEqualTo(48);
    }

    @Test
    void logsEveryPredictionToKafkaWithItsRequestId() {
        String requestId = stack.predict("flow", List.of(ServingStack.gentoo())).json().get("requestId").asString();

        List<PredictionLogged> logged = EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.predictions",
                PredictionLogged.class, e -> e.requestId().equals(requestId), 1, Duration.ofSeconds(20));

        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.model()).isEqualTo("flow");
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.role()).isEqualTo("primary");
            assertThat(e.inputs()).containsExactly(ServingStack.gentoo());
            assertThat(e.outputs().get(0).get("label")).isEqualTo("Gentoo");
            assertThat(e.latencyMillis()).isPositive();
        });
        assertThat(stack.servingMetrics.metric("modelway_prediction_log_dropped_total")).hasValue(0.0);
    }

    @Test
    void feedbackIsPublishedForARememberedPrediction() {
        String requestId = stack.predict("flow", List.of(ServingStack.gentoo())).json().get("requestId").asString();

        Http.Response accepted = stack.serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", "Gentoo"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("model").asString()).isEqualTo("flow");
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.feedback", FeedbackReceived.class,
                e -> e.requestId().equals(requestId), 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(e -> {
                    assertThat(e.model()).isEqualTo("flow");
                    assertThat(e.trueLabel()).isEqualTo("Gentoo");
                });
    }

    @Test
    void badFeedbackIsAProblemNamingTheField() {
        String requestId = stack.predict("flow", List.of(ServingStack.gentoo())).json().get("requestId").asString();

        assertField(stack.serving.postJson("/api/feedback", Map.of("label", "Gentoo")), 400, "requestId");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", requestId)), 400, "label");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", "Emperor")), 400,
                "label");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", List.of("Gentoo"))),
                400, "label");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", "Gentoo",
                "model", "other")), 400, "model");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", "never-seen", "label", "Gentoo")), 404,
                "requestId");
        assertThat(stack.serving.postJson("/api/feedback", Map.of("requestId", "made-by-another-system", "label", "Gentoo",
                "model", "flow")).status()).isEqualTo(202);
    }

    @Test
    void feedbackOfTheWrongKindForTheModelIsRefused() {
        stack.alias("flow-mass", "production", stack.register("flow-mass", TestModels.penguinsRegressor(3, 30)));
        stack.alias("flow-odd", "production", stack.register("flow-odd", TestModels.penguinsAnomaly(4, 30)));
        stack.awaitServed("flow-mass", 1);
        stack.awaitServed("flow-odd", 1);
        Map<String, Object> penguin = new LinkedHashMap<>(ServingStack.gentoo());
        penguin.put("Species", "Gentoo");
        String mass = answered(stack.predict("flow-mass", List.of(without(penguin, "Body Mass (g)"))));
        String odd = answered(stack.predict("flow-odd", List.of(penguin)));
        String flow = answered(stack.predict("flow", List.of(ServingStack.gentoo())));

        Http.Response textForARegressor = stack.serving.postJson("/api/feedback", Map.of("requestId", mass, "label", "heavy"));
        assertField(textForARegressor, 400, "label");
        assertThat(textForARegressor.json().get("detail").asString()).contains("flow-mass is a regressor");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", odd, "label", "Gentoo")), 400, "label");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", odd, "value", 3.5)), 400, "value");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", flow, "value", 3.5)), 400, "value");
        assertField(stack.serving.postJson("/api/feedback", Map.of("requestId", "from-elsewhere", "model", "flow-mass",
                "label", "heavy")), 400, "label");

        assertThat(stack.serving.postJson("/api/feedback", Map.of("requestId", mass, "value", 4650)).status())
                .isEqualTo(202);
        assertThat(stack.serving.postJson("/api/feedback", Map.of("requestId", odd, "label", true)).status())
                .isEqualTo(202);
    }

    private static String answered(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("requestId").asString();
    }

    private static Map<String, Object> without(Map<String, Object> record, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(record);
        copy.remove(field);
        return copy;
    }

    @Test
    void exportsLatencyBatchAndErrorMetricsPerModelAndVersion() {
        stack.predict("flow", List.of(ServingStack.gentoo()));
        stack.predict("flow", List.of(Map.of("Island", "Atlantis")));

        String scrape = stack.servingMetrics.get("/actuator/prometheus").body();

        assertThat(scrape).contains("modelway_predict_seconds_bucket{", "model=\"flow\"", "version=\"1\"",
                "protocol=\"modelway\"");
        assertThat(scrape).containsPattern("modelway_predict_errors_total\\{[^}]*type=\"invalid_input\"");
        assertThat(scrape).containsPattern("modelway_model_load_duration_seconds_count\\{[^}]*model=\"flow\"");
    }

    static void assertField(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }
}
