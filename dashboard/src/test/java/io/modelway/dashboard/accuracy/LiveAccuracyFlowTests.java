package io.modelway.dashboard.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import tools.jackson.databind.JsonNode;

/** Feedback joined to predictions on the real broker, in either order, into live accuracy and RMSE per version. */
@ServiceFlowTest
class LiveAccuracyFlowTests {

    @Autowired
    StreamBridge bridge;

    Http http;
    Http metrics;

    @BeforeEach
    void client(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER));
        metrics = Http.local(managementPort);
    }

    private void predicted(String model, int version, String requestId, Map<String, Object> output) {
        bridge.send("modelway.predictions", EventMessages.toMessage(new PredictionLogged(UUID.randomUUID(), Instant.now(),
                requestId, model, version, PredictionLogged.PRIMARY, List.of(Map.of("x", 1)), List.of(output), 1.0)));
    }

    private void truth(String model, String requestId, Object label, UUID eventId) {
        bridge.send("modelway.feedback", EventMessages.toMessage(new FeedbackReceived(eventId, Instant.now(), requestId,
                model, label)));
    }

    private JsonNode awaitScores(String model, int feedback) {
        return Await.until(feedback + " feedback joined for " + model, Duration.ofSeconds(30),
                () -> http.get("/api/live-accuracy/" + model).json(),
                s -> s.valueStream().mapToLong(v -> v.get("feedback").asLong()).sum() == feedback);
    }

    @Test
    void classifierAccuracyPerVersionInEitherOrder() {
        predicted("acc", 1, "acc:1:a", Map.of("label", "Gentoo"));
        predicted("acc", 1, "acc:1:b", Map.of("label", "Adelie"));
        predicted("acc", 1, "acc:1:c", Map.of("label", "Adelie"));
        truth("acc", "acc:1:a", "Gentoo", UUID.randomUUID());
        truth("acc", "acc:1:b", "Chinstrap", UUID.randomUUID());
        // Feedback first, its prediction later: joined when the prediction comes.
        truth("acc", "acc:1:d", "Adelie", UUID.randomUUID());
        truth("acc", "acc:1:c", "Adelie", UUID.randomUUID());
        predicted("acc", 1, "acc:1:d", Map.of("label", "Adelie"));
        predicted("acc", 2, "acc:2:e", Map.of("label", "Gentoo"));
        truth("acc", "acc:2:e", "Adelie", UUID.randomUUID());

        JsonNode scores = awaitScores("acc", 5);

        assertThat(scores.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(scores.get(0).get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(scores.get(1).get("accuracy").asDouble()).isEqualTo(0.0);
        assertThat(metrics.metric("modelway_live_accuracy", Map.of("model", "acc", "version", "1"))).hasValue(0.75);
    }

    @Test
    void regressorRmseAndRedeliveredFeedbackCountedOnce() {
        predicted("mass", 3, "mass:3:a", Map.of("value", 4000.0));
        predicted("mass", 3, "mass:3:b", Map.of("value", 5000.0));
        UUID twice = UUID.randomUUID();
        truth("mass", "mass:3:a", 4300.0, twice);
        truth("mass", "mass:3:a", 4300.0, twice);
        truth("mass", "mass:3:b", 4600.0, UUID.randomUUID());

        awaitScores("mass", 2);
        // One key, one partition, in order: once c is joined, the copy of a's feedback was read before it.
        predicted("mass", 3, "mass:3:c", Map.of("value", 3000.0));
        truth("mass", "mass:3:c", 3000.0, UUID.randomUUID());
        JsonNode scores = awaitScores("mass", 3);

        // Errors of 300, 400 and 0, each counted once: sqrt((300² + 400²) / 3).
        assertThat(scores.get(0).get("rmse").asDouble()).isCloseTo(Math.sqrt(250_000.0 / 3), within(1e-9));
        assertThat(metrics.metric("modelway_live_rmse", Map.of("model", "mass", "version", "3")).orElseThrow())
                .isCloseTo(Math.sqrt(250_000.0 / 3), within(1e-6));
    }

    @Test
    void everyJoinIsPublishedOnceAsGroundTruthWithTheInputTheVersionSaw() {
        bridge.send("modelway.predictions", EventMessages.toMessage(new PredictionLogged(UUID.randomUUID(),
                Instant.now(), "gt:1", "gt", 4, PredictionLogged.PRIMARY, List.of(Map.of("Body Mass (g)", 7000,
                        "Island", "Biscoe")), List.of(Map.of("label", "Gentoo")), 1.0)));
        UUID twice = UUID.randomUUID();
        truth("gt", "gt:1", "Adelie", twice);
        truth("gt", "gt:1", "Adelie", twice);
        // Truth first: joined when its prediction comes.
        truth("gt", "gt:2", "Chinstrap", UUID.randomUUID());
        predicted("gt", 4, "gt:2", Map.of("label", "Chinstrap"));
        awaitScores("gt", 2);

        // Both joins were published before they were scored: a third would be on the topic already.
        List<LabelledPrediction> published = EventProbe.await(TestInfrastructure.get().kafkaBrokers(),
                "modelway.ground-truth", LabelledPrediction.class, e -> e.model().equals("gt"), 3, Duration.ofSeconds(5));
        assertThat(published).extracting(LabelledPrediction::requestId).containsExactlyInAnyOrder("gt:1", "gt:2");
        LabelledPrediction first = published.stream().filter(e -> e.requestId().equals("gt:1")).findFirst().orElseThrow();
        assertThat(first.eventId()).isEqualTo(LabelledPrediction.idOf("gt", "gt:1"));
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.input()).containsEntry("Body Mass (g)", 7000).containsEntry("Island", "Biscoe");
        assertThat(first.output()).containsEntry("label", "Gentoo");
        assertThat(first.trueLabel()).isEqualTo("Adelie");
        assertThat(first.predictedAt()).isNotNull();
    }
}
