package io.modelway.training.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import io.modelway.training.specs.SpecRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Ground truth becomes training data on the real broker, database and a real ingest-service: labelled predictions
 * from {@code modelway.ground-truth} are kept once per request, and on the spec's feedback policy become a new
 * version of the spec's dataset, cleaned by ingest, with their provenance.
 */
@ServiceFlowTest(properties = {
        // As in the drift and trigger tests (one cached context): queued runs fail fast at a closed registry.
        "MODELWAY_REGISTRY_URL=http://127.0.0.1:9",
        "modelway.training.schedule-check-interval=200ms"})
class FeedbackPublisherFlowTests {

    private static final String BASE = """
            length,colour,species
            4.1,red,alpha
            4.3,red,alpha
            4.0,red,alpha
            7.9,blue,beta
            8.2,blue,beta
            8.0,blue,beta
            """;

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        IngestForTests.register(registry);
    }

    @Autowired
    StreamBridge bridge;

    @Autowired
    FeedbackPublisher publisher;

    @Autowired
    SpecRepository specs;

    Http http;
    Http metrics;
    Http ingest;

    @BeforeEach
    void clients(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
        metrics = Http.local(managementPort);
        ingest = new Http(IngestForTests.url()).as(TestIssuer.tokenOf(Role.VIEWER));
    }

    private void spec(String model, String dataset, Map<String, Object> feedback) {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("dataset", dataset, "label", "species",
                "type", "classifier", "triggers", List.of("manual")));
        spec.put("feedback", feedback);
        Http.Response put = http.putJson("/api/training-specs/" + model, spec);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static LabelledPrediction labelled(String model, String requestId, double length) {
        return new LabelledPrediction(LabelledPrediction.idOf(model, requestId), Instant.now(), requestId, model, 1,
                Instant.now().minusSeconds(5), Map.of("length", length, "colour", "blue"), Map.of("label", "beta"),
                "gamma");
    }

    private void send(LabelledPrediction event) {
        bridge.send("modelway.ground-truth", EventMessages.toMessage(event));
    }

    /** A version is listed from its start; its source and counts are final once it is published. */
    private static boolean secondPublished(JsonNode versions) {
        return versions.size() >= 2 && "PUBLISHED".equals(versions.get(1).get("status").asString());
    }

    private double rows(String model, String outcome) {
        return metrics.metric("modelway_ground_truth_rows_total", Map.of("model", model, "outcome", outcome)).orElse(0);
    }

    @Test
    void groundTruthBecomesANewVersionOfTheDatasetOnceThePolicysMinimumIsReached() {
        IngestForTests.upload("feedback-flowers", BASE);
        spec("feedback-loop", "feedback-flowers", Map.of("minRows", 3, "mix", "append"));
        TrainingSpec spec = specs.find("feedback-loop").orElseThrow();
        LabelledPrediction first = labelled("feedback-loop", "req-1", 12.5);
        send(first);
        send(first);
        send(labelled("feedback-loop", "req-2", 13.0));

        Await.until("two rows kept and one repeat", Duration.ofSeconds(30),
                () -> rows("feedback-loop", "kept") + rows("feedback-loop", "repeated"), n -> n >= 3);
        assertThat(rows("feedback-loop", "kept")).isEqualTo(2.0);
        assertThat(rows("feedback-loop", "repeated")).isEqualTo(1.0);
        assertThat(publisher.publish(spec)).as("2 rows, below the minimum of 3").isNull();
        JsonNode waiting = http.get("/api/training-specs/feedback-loop/ground-truth").json();
        assertThat(waiting.get("rows").asLong()).isEqualTo(2);
        assertThat(waiting.get("pending").asLong()).isEqualTo(2);
        assertThat(waiting.get("latestDatasetVersion").isNull()).isTrue();

        send(labelled("feedback-loop", "req-3", 13.5));
        JsonNode versions = Await.until("the feedback version", Duration.ofSeconds(30),
                () -> ingest.get("/api/datasets/feedback-flowers/versions").json(),
                FeedbackPublisherFlowTests::secondPublished);
        JsonNode version = versions.get(1);
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(9);
        assertThat(version.get("rowsClean").asLong()).isEqualTo(9);
        assertThat(version.get("createdBy").asString()).isEqualTo("training-service");
        assertThat(version.get("source").get("kind").asString()).isEqualTo("feedback");
        assertThat(version.get("source").get("baseVersion").asInt()).isEqualTo(1);
        assertThat(version.get("source").get("feedbackRows").asInt()).isEqualTo(3);
        JsonNode published = Await.until("the rows marked with their version", Duration.ofSeconds(10),
                () -> http.get("/api/training-specs/feedback-loop/ground-truth").json(), g -> g.get("pending").asLong() == 0);
        assertThat(published.get("rows").asLong()).isEqualTo(3);
        assertThat(published.get("latestDatasetVersion").asInt()).isEqualTo(2);
        assertThat(publisher.publish(spec)).as("every row is in a version now").isNull();
        assertThat(ingest.get("/api/datasets/feedback-flowers/versions").json().size()).isEqualTo(2);
    }

    @Test
    void aWindowPolicyPublishesEveryRowOfItsAgeAndAModelWithoutASpecKeepsNothing() {
        IngestForTests.upload("feedback-window", BASE);
        spec("feedback-windowed", "feedback-window", Map.of("minRows", 2, "mix", "window", "maxAge", "P1D"));
        send(labelled("feedback-windowed", "w-1", 12.0));
        send(labelled("feedback-windowed", "w-2", 12.4));
        send(labelled("no-spec-model", "n-1", 1.0));

        JsonNode versions = Await.until("the window version", Duration.ofSeconds(30),
                () -> ingest.get("/api/datasets/feedback-window/versions").json(),
                FeedbackPublisherFlowTests::secondPublished);
        assertThat(versions.get(1).get("rowsReceived").asLong()).isEqualTo(2);
        assertThat(versions.get(1).get("source").get("mix").asString()).isEqualTo("window");
        Await.until("the row without a spec counted", Duration.ofSeconds(30), () -> rows("no-spec-model", "no_spec"),
                n -> n >= 1);
    }

    @Test
    void refusesAFeedbackPolicyItCannotKeepNamingTheField() {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("dataset", "feedback-flowers", "label", "species",
                "type", "classifier"));
        for (Map.Entry<Map<String, Object>, String> bad : Map.of(
                Map.<String, Object>of("mix", "blend"), "feedback.mix",
                Map.<String, Object>of("minRows", 0), "feedback.minRows",
                Map.<String, Object>of("maxAge", "PT0S"), "feedback.maxAge").entrySet()) {
            spec.put("feedback", bad.getKey());
            Http.Response put = http.putJson("/api/training-specs/feedback-bad", spec);
            assertThat(put.status()).as(put.body()).isEqualTo(400);
            assertThat(put.json().get("field").asString()).isEqualTo(bad.getValue());
        }
        Http.Response anomaly = http.putJson("/api/training-specs/feedback-bad", Map.of("dataset", "feedback-flowers",
                "type", "anomaly", "feedback", Map.of()));
        assertThat(anomaly.status()).as(anomaly.body()).isEqualTo(400);
        assertThat(anomaly.json().get("field").asString()).isEqualTo("feedback");
    }
}
