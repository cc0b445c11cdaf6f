package io.modelway.dashboard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.events.TrainingRequested;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.Samples;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Predictions on the real broker become drift windows against the penguins training profile (built by the
 * platform's profile builder from the sample, as ingest builds it), each sent to training-service to decide on.
 */
@ServiceFlowTest(properties = "MODELWAY_DRIFT_WINDOW_ROWS=300")
@Import(StandInLookups.class)
class DriftMonitorFlowTests {

    @Autowired
    StreamBridge bridge;

    Http http;
    Http metrics;

    @BeforeEach
    void client(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER));
        metrics = Http.local(managementPort);
    }

    private void send(String model, List<Map<String, Object>> inputs, UUID eventId) {
        send(model, inputs, eventId, model + ":1:" + eventId);
    }

    /** Predictions of one request id sit in one partition, and are read in the order they were sent. */
    private void send(String model, List<Map<String, Object>> inputs, UUID eventId, String requestId) {
        bridge.send("modelway.predictions", EventMessages.toMessage(new PredictionLogged(eventId, Instant.now(),
                requestId, model, 1, PredictionLogged.PRIMARY, inputs, List.of(), 1.0)));
    }

    /** Penguins as they were, or with body mass shifted by {@code grams}. */
    private static List<Map<String, Object>> penguins(int from, int count, double grams) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        for (int i = from; i < from + count; i++) {
            Map<String, String> row = rows.get(i % rows.size());
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("Island", row.get("Island"));
            input.put("Body Mass (g)", Double.parseDouble(row.get("Body Mass (g)")) + grams);
            input.put("Flipper Length (mm)", Double.parseDouble(row.get("Flipper Length (mm)")));
            inputs.add(input);
        }
        return inputs;
    }

    private double drift(String model, String feature, String method) {
        return Await.until(feature + " " + method + " drift of " + model, Duration.ofSeconds(30),
                () -> metrics.metric("modelway_feature_drift", Map.of("model", model, "feature", feature, "method", method)),
                m -> m.isPresent()).getAsDouble();
    }

    @Test
    void inputsLikeTrainingShowNoDriftAndShiftedOnesDo() {
        // 300 of the 333 complete penguins: close to the training distribution, and enough rows that PSI's
        // small-sample bias (about bins / rows) stays small.
        for (int i = 0; i < 300; i += 50) {
            send("steady", penguins(i, 50, 0), UUID.randomUUID());
            send("shifted", penguins(i, 50, 1500), UUID.randomUUID());
        }

        assertThat(drift("steady", "Body Mass (g)", "psi")).isLessThan(0.1);
        assertThat(drift("shifted", "Body Mass (g)", "psi")).isGreaterThan(0.25);
        assertThat(drift("shifted", "Body Mass (g)", "ks")).isGreaterThan(0.3);
        assertThat(drift("shifted", "Flipper Length (mm)", "psi")).isLessThan(0.1);
        assertThat(drift("steady", "Island", "chi_square")).isGreaterThanOrEqualTo(0.0);

        JsonNode windows = http.get("/api/drift/shifted").json();
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).get("rows").asInt()).isEqualTo(300);
        assertThat(windows.get(0).get("features").valueStream().map(f -> f.get("feature").asString() + "/"
                + f.get("method").asString())).contains("Body Mass (g)/psi", "Body Mass (g)/ks", "Island/chi_square");
    }

    private static List<DriftMeasured> sentToTraining(String model, int atLeast) {
        return EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.training", DriftMeasured.class,
                e -> e.model().equals(model), atLeast, Duration.ofSeconds(20));
    }

    @Test
    void everyClosedWindowIsSentToTrainingToDecide() {
        send("sent", penguins(0, 300, 0), UUID.randomUUID());
        // One model's predictions spread over the partitions: the second is sent once the first is measured.
        Await.until("a window of sent", Duration.ofSeconds(30), () -> http.get("/api/drift/sent").json(),
                w -> w.size() == 1);
        send("sent", penguins(0, 300, 1500), UUID.randomUUID());

        JsonNode windows = Await.until("two windows of sent", Duration.ofSeconds(30),
                () -> http.get("/api/drift/sent").json(), w -> w.size() == 2);
        List<DriftMeasured> measured = sentToTraining("sent", 2);
        assertThat(measured).extracting(DriftMeasured::eventId).containsExactly(
                UUID.fromString(windows.get(0).get("id").asString()), UUID.fromString(windows.get(1).get("id").asString()));
        assertThat(measured.get(0).worst("psi")).isLessThan(0.1);
        assertThat(measured.get(1).worst("psi")).isGreaterThan(0.25);
        assertThat(measured.get(1).worstFeature("psi")).isEqualTo("Body Mass (g)");
        assertThat(measured).allSatisfy(w -> {
            assertThat(w.rows()).isEqualTo(300);
            assertThat(w.version()).isEqualTo(1);
        });
        // The monitor decides nothing: no retrain is asked for, whatever the drift.
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.training",
                TrainingRequested.class, e -> e.model().equals("sent"), 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aWindowWhoseProfileIsStillBeingFetchedWaitsForItAndLosesNoRow() {
        send("late-profile", penguins(0, 300, 0), UUID.randomUUID());
        send("late-profile", penguins(0, 20, 0), UUID.randomUUID());
        Await.pause(Duration.ofMillis(500));
        assertThat(http.get("/api/drift/late-profile").json()).isEmpty();

        StandInLookups.arrive("late-profile");
        send("late-profile", penguins(20, 1, 0), UUID.randomUUID());

        JsonNode windows = Await.until("the window of late-profile", Duration.ofSeconds(30),
                () -> http.get("/api/drift/late-profile").json(), w -> w.size() == 1);
        assertThat(windows.get(0).get("rows").asInt()).isEqualTo(321);
        assertThat(sentToTraining("late-profile", 1)).singleElement().extracting(DriftMeasured::rows).isEqualTo(321);
    }

    @Test
    void aRedeliveredPredictionIsCountedOnce() {
        UUID twice = UUID.randomUUID();
        send("redelivered", penguins(0, 180, 0), twice, "redelivered");
        send("redelivered", penguins(0, 180, 0), twice, "redelivered");
        send("redelivered", penguins(180, 120, 0), UUID.randomUUID(), "redelivered");

        // 180 + 120 rows close the first window at exactly 300 only if the copy was skipped.
        JsonNode windows = Await.until("a window of redelivered", Duration.ofSeconds(30),
                () -> http.get("/api/drift/redelivered").json(), w -> w.size() == 1);
        assertThat(windows.get(0).get("rows").asInt()).isEqualTo(300);
    }

    @Test
    void shadowPredictionsAreNotCounted() {
        UUID id = UUID.randomUUID();
        bridge.send("modelway.predictions", EventMessages.toMessage(new PredictionLogged(id, Instant.now(), "r", "shadowed",
                1, PredictionLogged.SHADOW, penguins(0, 350, 0), List.of(), 1.0)));
        send("shadowed", penguins(0, 300, 0), UUID.randomUUID(), "r");

        // The shadow's request, so the same partition, read in order: had its 350 rows counted, the window would
        // hold 350.
        JsonNode windows = Await.until("a window of shadowed", Duration.ofSeconds(30),
                () -> http.get("/api/drift/shadowed").json(), w -> w.size() == 1);
        assertThat(windows.get(0).get("rows").asInt()).isEqualTo(300);
    }
}
