package io.modelway.dashboard.drift;

import static org.assertj.core.api.Assertions.assertThat;

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
 * platform's profile builder from the sample, as ingest builds it).
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
        bridge.send("modelway.predictions", EventMessages.toMessage(new PredictionLogged(eventId, Instant.now(),
                model + ":1:" + eventId, model, 1, PredictionLogged.PRIMARY, inputs, List.of(), 1.0)));
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

    @Test
    void driftAboveTheThresholdForTheSpecsWindowsAsksForOneRetrainThenCoolsDown() {
        List<String> outcomes = new ArrayList<>();
        send("loop-shift", penguins(0, 300, 0), UUID.randomUUID());
        for (int window = 0; window < 4; window++) {
            send("loop-shift", penguins(0, 300, 1500), UUID.randomUUID());
        }
        JsonNode windows = Await.until("five windows of loop-shift", Duration.ofSeconds(30),
                () -> http.get("/api/drift/loop-shift").json(), w -> w.size() == 5);
        windows.forEach(w -> outcomes.add(w.get("retrain").asString()));

        // Below, then above twice (the second asks), then above twice again inside the hour's cooldown.
        assertThat(outcomes).containsExactly("below", "above", "requested", "above", "cooldown");
        List<TrainingRequested> requests = EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.training",
                TrainingRequested.class, e -> e.model().equals("loop-shift"), 1, Duration.ofSeconds(20));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("drift");
            assertThat(r.datasetVersion()).as("the latest dataset version").isNull();
        });
        assertThat(metrics.metric("modelway_drift_retrains_total", Map.of("model", "loop-shift", "outcome", "requested")))
                .hasValue(1.0);
        assertThat(http.get("/api/drift/steady-no-spec").json()).isEmpty();
    }

    @Test
    void aRetrainRequestedBeforeARestartStillHoldsTheCooldown() {
        send("loop-restarted", penguins(0, 300, 1500), UUID.randomUUID());
        send("loop-restarted", penguins(0, 300, 1500), UUID.randomUUID());

        JsonNode windows = Await.until("two windows of loop-restarted", Duration.ofSeconds(30),
                () -> http.get("/api/drift/loop-restarted").json(), w -> w.size() == 2);
        assertThat(windows.valueStream().map(w -> w.get("retrain").asString())).containsExactly("above", "cooldown");
        assertThat(metrics.metric("modelway_drift_retrains_total", Map.of("model", "loop-restarted", "outcome", "requested")))
                .isEmpty();
    }

    @Test
    void withoutTheRetrainHistoryTheLoopWaitsInsteadOfRisingAboveItsBudget() {
        for (int window = 0; window < 3; window++) {
            send("loop-unreachable", penguins(0, 300, 1500), UUID.randomUUID());
        }

        JsonNode windows = Await.until("three windows of loop-unreachable", Duration.ofSeconds(30),
                () -> http.get("/api/drift/loop-unreachable").json(), w -> w.size() == 3);
        assertThat(windows.valueStream().map(w -> w.get("retrain").asString()))
                .containsExactly("above", "history_unavailable", "history_unavailable");
        assertThat(metrics.metric("modelway_drift_retrains_total",
                Map.of("model", "loop-unreachable", "outcome", "history_unavailable"))).hasValue(2.0);
    }

    @Test
    void aRedeliveredPredictionIsCountedOnce() {
        UUID twice = UUID.randomUUID();
        send("redelivered", penguins(0, 180, 0), twice);
        send("redelivered", penguins(0, 180, 0), twice);
        send("redelivered", penguins(180, 120, 0), UUID.randomUUID());

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
        send("shadowed", penguins(0, 300, 0), UUID.randomUUID());

        // Same model, same partition, read in order: had the shadow's 350 rows counted, the window would hold 350.
        JsonNode windows = Await.until("a window of shadowed", Duration.ofSeconds(30),
                () -> http.get("/api/drift/shadowed").json(), w -> w.size() == 1);
        assertThat(windows.get(0).get("rows").asInt()).isEqualTo(300);
    }
}
