package io.modelway.training.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.TrainingRequested;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The training service's Kafka consumers on a real broker and database: a redelivered event queues
 * one run, and a message that cannot be processed ends in the topic's DLQ with its error, not in a log.
 */
@ServiceFlowTest(properties = {
        // Nothing answers there, and the datasets are not in ingest: queued runs fail fast instead of training,
        // which these tests do not need.
        "MODELWAY_REGISTRY_URL=http://127.0.0.1:9",
        "modelway.training.schedule-check-interval=200ms"})
class TrainingTriggersTests {

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        IngestForTests.register(registry);
    }

    /** A dataset small enough that a run reads and trains on it at once, then fails at the closed registry. */
    static final String FLOWERS = "species,petal\nsetosa,1.4\nsetosa,1.3\nvirginica,5.5\nvirginica,6.0\n";

    @Autowired
    StreamBridge bridge;

    @Autowired
    JdbcClient jdbc;

    Http http;
    Http metrics;

    @BeforeEach
    void client(@LocalServerPort int port, @LocalManagementPort int managementPort) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
        metrics = Http.local(managementPort);
    }

    @Test
    void redeliveredDatasetEventQueuesOneRun() {
        putSpec("iris-once", "flowers-once");
        DatasetVersionCreated event = new DatasetVersionCreated(UUID.randomUUID(), Instant.now(), "flowers-once", 1,
                10, 10, 0, "sha", "sha", Map.of(), null);

        bridge.send("modelway.datasets", EventMessages.toMessage(event));
        bridge.send("modelway.datasets", EventMessages.toMessage(event));
        DatasetVersionCreated next = new DatasetVersionCreated(UUID.randomUUID(), Instant.now(), "flowers-once", 2,
                10, 10, 0, "sha2", "sha2", Map.of(), null);
        bridge.send("modelway.datasets", EventMessages.toMessage(next));

        // One key, one partition, in order: the second version's run shows both copies of the first were consumed.
        JsonNode runs = awaitRuns("iris-once", 2);
        assertThat(runs).hasSize(2);
        assertThat(runs.valueStream().map(r -> r.get("reason").asString())).containsOnly("new-data");

        Http.Response page = http.get("/api/training-runs?model=iris-once&reason=new-data&limit=1");
        assertThat(page.json()).hasSize(1);
        assertThat(page.header("X-Total-Count")).isEqualTo("2");
        assertThat(http.get("/api/training-runs?model=iris-once&status=DONE").json().get("field").asString())
                .isEqualTo("status");
    }

    @Test
    void driftRequestQueuesARunOnlyWhenTheSpecListsDriftAndAFailedRunDoesNotStopTheWorker() {
        IngestForTests.upload("flowers-drift", FLOWERS);
        putSpec("drifty", "flowers-drift", "drift");
        putSpec("not-drifty", "flowers-drift", "manual");

        bridge.send("modelway.training", EventMessages.toMessage(new TrainingRequested(UUID.randomUUID(), Instant.now(),
                "not-drifty", null, null, "drift", Map.of())));
        bridge.send("modelway.training", EventMessages.toMessage(new TrainingRequested(UUID.randomUUID(), Instant.now(),
                "drifty", null, null, "drift", Map.of())));

        JsonNode failed = Await.until("the drift run to fail", Duration.ofSeconds(30),
                () -> http.get("/api/training-runs?model=drifty").json(),
                runs -> runs.size() == 1 && "FAILED".equals(runs.get(0).get("status").asString())).get(0);
        assertThat(failed.get("reason").asString()).isEqualTo("drift");
        // The registry URL points at a closed port: the run records why it failed.
        assertThat(failed.get("error").asString()).isNotBlank();
        assertThat(http.get("/api/training-runs?model=not-drifty").json()).isEmpty();

        Http.Response manual = http.postJson("/api/training-runs", Map.of("model", "drifty"));
        assertThat(manual.status()).as(manual.body()).isEqualTo(202);
        JsonNode next = Await.until("the next run to be worked on", Duration.ofSeconds(30),
                () -> http.get("/api/training-runs/" + manual.json().get("runId").asString()).json(),
                run -> "FAILED".equals(run.get("status").asString()));
        assertThat(next.get("reason").asString()).isEqualTo("manual");
    }

    @Test
    void aQueuedRunWaitsWhileAnotherRunOfTheSameModelIsRunning() {
        IngestForTests.upload("flowers-serial", FLOWERS);
        putSpec("one-at-a-time", "flowers-serial", "manual");
        UUID running = UUID.randomUUID();
        jdbc.sql("""
                insert into training_runs (run_id, model, status, reason, dataset, spec, started_at, owner, lease_until)
                values (:id, 'one-at-a-time', 'RUNNING', 'manual', 'flowers-serial', '{}', now(), 'another-replica',
                  now() + interval '1 hour')""")
                .param("id", running).update();
        String queued = http.postJson("/api/training-runs", Map.of("model", "one-at-a-time")).json().get("runId")
                .asString();

        // The worker looks at the queue every 300 ms: five looks over 1.5 s all leave the run waiting.
        long pollsWithRunQueued = java.util.stream.IntStream.range(0, 5).filter(i -> {
            Await.pause(Duration.ofMillis(300));
            return "QUEUED".equals(http.get("/api/training-runs/" + queued).json().get("status").asString());
        }).count();
        assertThat(pollsWithRunQueued).isEqualTo(5);
        assertThat(metrics.metric("modelway_training_runs_active", Map.of("status", "QUEUED")).orElseThrow())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.metric("modelway_training_runs_active", Map.of("status", "RUNNING")).orElseThrow())
                .isGreaterThanOrEqualTo(1.0);

        jdbc.sql("update training_runs set status = 'FAILED', finished_at = now() where run_id = :id")
                .param("id", running).update();
        JsonNode after = Await.until("the queued run to start once the other ended", Duration.ofSeconds(30),
                () -> http.get("/api/training-runs/" + queued).json(),
                run -> !"QUEUED".equals(run.get("status").asString()));
        assertThat(after.get("status").asString()).isIn("RUNNING", "FAILED");
    }


    @Test
    void unreadableEventLandsInTheDeadLetterTopicWithItsError() {
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        String marker = UUID.randomUUID().toString();
        bridge.send("modelway.training", MessageBuilder.withPayload(poison)
                .setHeader(EventMessages.TYPE_HEADER, "TrainingRequested")
                .setHeader("test-marker", marker).build());

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter("modelway.training.dlq", marker);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(EventProbe.header(dead, "x-original-topic")).isEqualTo("modelway.training");
        assertThat(EventProbe.header(dead, "x-exception-fqcn")).isNotBlank();
    }

    @Test
    void requestForAModelWithoutSpecLandsInTheDeadLetterTopicNamingTheModel() {
        TrainingRequested request = new TrainingRequested(UUID.randomUUID(), Instant.now(), "no-such-model", null,
                null, "drift", Map.of());
        String marker = UUID.randomUUID().toString();
        Message<byte[]> message = MessageBuilder.fromMessage(EventMessages.toMessage(request))
                .setHeader("test-marker", marker).build();
        bridge.send("modelway.training", message);

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter("modelway.training.dlq", marker);
        assertThat(EventProbe.header(dead, "x-exception-message")).contains("no-such-model", "no training spec");
        assertThat(http.get("/api/training-runs?model=no-such-model").json()).isEmpty();
    }

    @Test
    void unknownEventTypeOnTheDatasetTopicLandsInItsDeadLetterTopic() {
        String marker = UUID.randomUUID().toString();
        bridge.send("modelway.datasets", MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(EventMessages.TYPE_HEADER, "DatasetVersionDeleted")
                .setHeader("test-marker", marker).build());

        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter("modelway.datasets.dlq", marker);
        assertThat(EventProbe.header(dead, "x-exception-message")).contains("DatasetVersionDeleted");
    }

    @Test
    void scheduledSpecQueuesRunsOnItsCronClockUntilItIsDeleted() throws InterruptedException {
        Http.Response spec = http.putJson("/api/training-specs/every-second", Map.of(
                "dataset", "flowers-clock", "label", "species", "type", "classifier",
                "triggers", List.of("schedule"), "schedule", "* * * * * *"));
        assertThat(spec.status()).as(spec.body()).isEqualTo(200);

        JsonNode runs = awaitRuns("every-second", 2);
        assertThat(runs.size()).isGreaterThanOrEqualTo(2);
        assertThat(runs.valueStream().map(r -> r.get("reason").asString())).containsOnly("schedule");

        assertThat(http.delete("/api/training-specs/every-second").status()).isEqualTo(204);
        // A check that read the spec just before the delete may still queue one run.
        Thread.sleep(500);
        String queued = http.get("/api/training-runs?model=every-second&limit=1").header("X-Total-Count");
        Thread.sleep(2000);
        assertThat(http.get("/api/training-runs?model=every-second&limit=1").header("X-Total-Count")).isEqualTo(queued);
        assertThat(http.get("/api/training-specs/every-second").status()).isEqualTo(404);
        assertThat(http.delete("/api/training-specs/every-second").status()).isEqualTo(404);
    }

    @Test
    void aDriftTriggeredSpecCarriesItsDriftPolicy() {
        Http.Response defaults = http.putJson("/api/training-specs/drift-defaults", Map.of(
                "dataset", "d", "label", "y", "type", "classifier", "triggers", List.of("drift")));
        Http.Response custom = http.putJson("/api/training-specs/drift-custom", Map.of(
                "dataset", "d", "label", "y", "type", "classifier", "triggers", List.of("drift"),
                "drift", Map.of("method", "ks", "threshold", 0.2, "windows", 2, "cooldown", "PT30M",
                        "maxRetrainsPerDay", 5)));

        JsonNode standard = defaults.json().get("drift");
        assertThat(standard.get("method").asString()).isEqualTo("psi");
        assertThat(standard.get("threshold").asDouble()).isEqualTo(0.25);
        assertThat(standard.get("windows").asInt()).isEqualTo(3);
        assertThat(standard.get("maxRetrainsPerDay").asInt()).isEqualTo(3);
        JsonNode stored = http.get("/api/training-specs/drift-custom").json().get("drift");
        assertThat(custom.status()).isEqualTo(200);
        assertThat(stored.get("method").asString()).isEqualTo("ks");
        assertThat(java.time.Duration.parse(stored.get("cooldown").asString())).isEqualTo(java.time.Duration.ofMinutes(30));
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("method", "entropy", "threshold", 0,
                "windows", 0, "cooldown", "-PT1H", "maxRetrainsPerDay", -1).entrySet()) {
            Http.Response refused = http.putJson("/api/training-specs/drift-bad", Map.of(
                    "dataset", "d", "label", "y", "type", "classifier", "triggers", List.of("drift"),
                    "drift", Map.of(bad.getKey(), bad.getValue())));
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo("drift." + bad.getKey());
        }
    }

    @Test
    void specsArePaged() {
        putSpec("paged-a", "d");
        putSpec("paged-b", "d");

        Http.Response page = http.get("/api/training-specs?limit=1&offset=1");

        assertThat(page.json()).hasSize(1);
        assertThat(Integer.parseInt(page.header("X-Total-Count"))).isGreaterThanOrEqualTo(2);
        assertThat(http.get("/api/training-specs?limit=0").json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void scheduleMustBeACronExpressionWithTheScheduleTrigger() {
        Http.Response notCron = http.putJson("/api/training-specs/bad-clock", Map.of(
                "dataset", "d", "label", "y", "type", "classifier", "triggers", List.of("schedule"),
                "schedule", "every night"));
        Http.Response missing = http.putJson("/api/training-specs/bad-clock", Map.of(
                "dataset", "d", "label", "y", "type", "classifier", "triggers", List.of("schedule")));

        assertThat(notCron.status()).isEqualTo(400);
        assertThat(notCron.json().get("field").asString()).isEqualTo("schedule");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("schedule");
    }

    private void putSpec(String model, String dataset) {
        putSpec(model, dataset, "new-data");
    }

    private void putSpec(String model, String dataset, String trigger) {
        Http.Response response = http.putJson("/api/training-specs/" + model, Map.of(
                "dataset", dataset, "label", "species", "type", "classifier", "triggers", List.of(trigger),
                "params", Map.of("epochs", 5)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonNode awaitRuns(String model, int count) {
        return Await.until(count + " runs of " + model, Duration.ofSeconds(30),
                () -> http.get("/api/training-runs?model=" + model).json(), runs -> runs.size() >= count);
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String topic, String marker) {
        List<ConsumerRecord<byte[], byte[]>> dead = EventProbe.awaitRecords(TestInfrastructure.get().kafkaBrokers(),
                topic, r -> marker.equals(EventProbe.header(r, "test-marker")), 1, Duration.ofSeconds(60));
        assertThat(dead).as("record in " + topic).hasSize(1);
        return dead.get(0);
    }
}
