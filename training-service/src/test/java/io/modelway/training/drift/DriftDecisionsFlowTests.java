package io.modelway.training.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.api.training.DriftDecision;
import io.modelway.core.api.training.DriftDecision.Outcome;
import io.modelway.core.drift.FeatureDrift;
import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.TrainingRequested;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Drift windows measured elsewhere, decided here on the real broker and database: the count of windows in a row,
 * the cooldown and the daily budget come from training's own tables, so they hold whichever monitor measured the
 * windows and whichever training replica decides them.
 */
@ServiceFlowTest(properties = {
        // As in the trigger tests (one cached context): queued runs fail fast at a closed registry.
        "MODELWAY_REGISTRY_URL=http://127.0.0.1:9",
        "modelway.training.schedule-check-interval=200ms"})
class DriftDecisionsFlowTests {

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        IngestForTests.register(registry);
    }

    @Autowired
    StreamBridge bridge;

    @Autowired
    DriftDecisions decisions;

    @Autowired
    TransactionTemplate transactions;

    Http http;
    Http metrics;

    @BeforeEach
    void client(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
        metrics = Http.local(managementPort);
    }

    private void driftSpec(String model, int windows, String cooldown, int perDay) {
        Http.Response put = http.putJson("/api/training-specs/" + model, Map.of("dataset", "drift-flowers", "label",
                "species", "type", "classifier", "triggers", List.of("drift"), "drift", Map.of("method", "psi",
                        "threshold", 0.25, "windows", windows, "cooldown", cooldown, "maxRetrainsPerDay", perDay)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    /** A window of 500 rows whose body mass moved by {@code psi}; the other feature stayed put. */
    private static DriftMeasured window(String model, double psi) {
        return new DriftMeasured(UUID.randomUUID(), Instant.now(), model, 1, Instant.now(), 500, List.of(
                new FeatureDrift("Body Mass (g)", FeatureDrift.PSI, psi, null, 500),
                new FeatureDrift("Body Mass (g)", FeatureDrift.KS, 0.9, 0.0, 500),
                new FeatureDrift("Island", FeatureDrift.PSI, 0.01, null, 500)));
    }

    private JsonNode decided(String model, int count) {
        return Await.until(count + " drift decisions of " + model, Duration.ofSeconds(30),
                () -> http.get("/api/training-specs/" + model + "/drift-decisions").json(), d -> d.size() >= count);
    }

    private static List<String> outcomesOldestFirst(JsonNode newestFirst) {
        List<String> outcomes = new ArrayList<>(newestFirst.valueStream().map(d -> d.get("outcome").asString()).toList());
        Collections.reverse(outcomes);
        return outcomes;
    }

    @Test
    void aShiftThatStaysAboveQueuesOneDriftRunThenCoolsDown() {
        driftSpec("drift-loop", 2, "PT1H", 2);
        DriftMeasured twice = window("drift-loop", 0.6);
        List<DriftMeasured> sent = List.of(window("drift-loop", 0.1), window("drift-loop", 0.6), twice, twice,
                window("drift-loop", 0.6), window("drift-loop", 0.6));
        sent.forEach(w -> bridge.send("modelway.training", EventMessages.toMessage(w)));

        JsonNode decisions = decided("drift-loop", 5);
        // Below, then above twice (the second queues a run), then above twice again inside the hour's cooldown;
        // the redelivered window is decided once.
        assertThat(outcomesOldestFirst(decisions)).containsExactly("BELOW", "ABOVE", "REQUESTED", "ABOVE", "COOLDOWN");
        JsonNode requested = decisions.get(2);
        assertThat(requested.get("windowId").asString()).isEqualTo(twice.eventId().toString());
        assertThat(requested.get("feature").asString()).isEqualTo("Body Mass (g)");
        assertThat(requested.get("statistic").asDouble()).isEqualTo(0.6);
        assertThat(requested.get("windowsAbove").asInt()).isEqualTo(2);
        JsonNode runs = http.get("/api/training-runs?model=drift-loop").json();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.get("runId").asString()).isEqualTo(requested.get("runId").asString());
            assertThat(run.get("reason").asString()).isEqualTo("drift");
            assertThat(run.get("requestedBy").asString()).isEqualTo("trigger:drift");
            assertThat(run.get("datasetVersion").isNull()).as("the latest dataset version").isTrue();
        });
        assertThat(metrics.metric("modelway_drift_retrains_total", Map.of("model", "drift-loop", "outcome", "requested")))
                .hasValue(1.0);
        assertThat(metrics.metric("modelway_drift_retrains_total", Map.of("model", "drift-loop", "outcome", "above")))
                .hasValue(2.0);
    }

    @Test
    void aDriftRunQueuedBeforeCountsAgainstTheDailyBudget() {
        driftSpec("drift-budget", 1, "PT0S", 1);
        // Queued earlier by another way in (another replica, before a restart): training's runs are the record.
        bridge.send("modelway.training", EventMessages.toMessage(new TrainingRequested(UUID.randomUUID(), Instant.now(),
                "drift-budget", null, null, "drift", Map.of())));
        Await.until("the earlier drift run", Duration.ofSeconds(30),
                () -> http.get("/api/training-runs?model=drift-budget").json(), runs -> runs.size() == 1);
        bridge.send("modelway.training", EventMessages.toMessage(window("drift-budget", 0.9)));
        bridge.send("modelway.training", EventMessages.toMessage(window("drift-budget", 0.1)));

        assertThat(outcomesOldestFirst(decided("drift-budget", 2))).containsExactly("BUDGET_SPENT", "BELOW");
        assertThat(http.get("/api/training-runs?model=drift-budget").json()).hasSize(1);
    }

    @Test
    void replicasDecidingOneModelAtOnceQueueOneRun() throws Exception {
        driftSpec("drift-race", 1, "PT1H", 5);
        // The model's count exists already, as it does after its first window: nothing but its lock orders them.
        assertThat(transactions.execute(s -> decisions.decide(window("drift-race", 0.1))).outcome())
                .isEqualTo(Outcome.BELOW);
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DriftDecision>> decided = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                decided.add(pool.submit(() -> {
                    start.await();
                    return transactions.execute(s -> decisions.decide(window("drift-race", 0.9)));
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<DriftDecision> decision : decided) {
                outcomes.add(decision.get().outcome());
            }
            assertThat(outcomes).containsOnlyOnce(Outcome.REQUESTED).containsOnly(Outcome.REQUESTED, Outcome.COOLDOWN);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get("/api/training-runs?model=drift-race").json()).hasSize(1);
    }

    @Test
    void aModelWithoutADriftTriggerIsMeasuredButNotRetrained() {
        Http.Response put = http.putJson("/api/training-specs/drift-ignored", Map.of("dataset", "drift-flowers",
                "label", "species", "type", "classifier", "triggers", List.of("manual")));
        assertThat(put.status()).isEqualTo(200);
        bridge.send("modelway.training", EventMessages.toMessage(window("drift-ignored", 0.9)));
        bridge.send("modelway.training", EventMessages.toMessage(window("drift-unknown", 0.9)));

        JsonNode ignored = decided("drift-ignored", 1).get(0);
        assertThat(ignored.get("outcome").asString()).isEqualTo("NO_DRIFT_TRIGGER");
        assertThat(ignored.get("statistic").isNull()).isTrue();
        assertThat(decided("drift-unknown", 1).get(0).get("outcome").asString()).isEqualTo("NO_DRIFT_TRIGGER");
        assertThat(http.get("/api/training-runs?model=drift-ignored").json()).isEmpty();
        assertThat(http.get("/api/training-specs/drift-ignored/drift-decisions?limit=0").json().get("field").asString())
                .isEqualTo("limit");
    }
}
