package io.modelway.training.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.core.security.Role;
import io.modelway.registry.RegistryApplication;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.Samples;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import io.modelway.training.TrainingApplication;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two training-service replicas on one database and one broker, with a real registry and ingest behind them, as two
 * pods of one Deployment: every queued run executes once, never two runs of one model at a time, and a replica
 * that stops or dies leaves no run RUNNING.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunReplicasFlowTests {

    /** The replicas' own schema, so that no other training-service of this test JVM claims their runs. */
    private static final String SCHEMA = "training_replicas";

    static ConfigurableApplicationContext registry;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static Http http;
    static JdbcClient jdbc;

    @BeforeAll
    static void replicas() {
        registry = ServiceStarter.start(RegistryApplication.class, "model-registry", Map.of());
        IngestForTests.upload("penguins-replicas", new String(Samples.bytes("penguins.csv")));
        first = replica();
        second = replica();
        http = Http.local(ServiceStarter.port(first)).as(TestIssuer.tokenOf(Role.ENGINEER));
        jdbc = first.getBean(JdbcClient.class);
    }

    private static ConfigurableApplicationContext replica() {
        return ServiceStarter.start("training-service", Map.of(
                        "MODELWAY_INGEST_URL", IngestForTests.url(),
                        "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + ServiceStarter.port(registry),
                        "MODELWAY_TRAINING_LEASE", "3s"),
                List.of("--spring.datasource.hikari.schema=" + SCHEMA, "--spring.flyway.schemas=" + SCHEMA,
                        "--spring.flyway.default-schema=" + SCHEMA),
                TrainingApplication.class);
    }

    @AfterAll
    static void close() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second, registry}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    private static void spec(String model, int epochs) {
        Http.Response response = http.putJson("/api/training-specs/" + model, Map.of("dataset", "penguins-replicas",
                "label", "Species", "type", "classifier", "triggers", List.of("manual"),
                "params", Map.of("epochs", epochs, "patience", 0)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static UUID queue(String model) {
        Http.Response response = http.postJson("/api/training-runs", Map.of("model", model));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return UUID.fromString(response.json().get("runId").asString());
    }

    private record Run(UUID id, String model, String status, int attempts, String owner, Timestamp started,
            Timestamp finished, Integer version) {
    }

    private static Run run(UUID id) {
        return jdbc.sql("select * from training_runs where run_id = :id").param("id", id)
                .query((rs, n) -> new Run(rs.getObject("run_id", UUID.class), rs.getString("model"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("owner"),
                        rs.getTimestamp("started_at"), rs.getTimestamp("finished_at"),
                        (Integer) rs.getObject("model_version"))).single();
    }

    private static Run awaitFinished(UUID id, Duration timeout) {
        return Await.until("run " + id + " to finish", timeout, () -> run(id),
                r -> r.status().equals("SUCCEEDED") || r.status().equals("FAILED"));
    }

    @Test
    @Order(1)
    void tenQueuedRunsEachExecuteOnceAndNeverTwoOfOneModelAtATime() {
        List<String> models = List.of("replicas-a", "replicas-b", "replicas-c");
        models.forEach(m -> spec(m, 40));
        List<UUID> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(queue(models.get(i % models.size())));
        }
        List<Run> runs = queued.stream().map(id -> awaitFinished(id, Duration.ofMinutes(3))).toList();

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("SUCCEEDED");
            assertThat(r.attempts()).as("attempts of " + r.id()).isEqualTo(1);
        });
        for (String model : models) {
            List<Run> ofModel = runs.stream().filter(r -> r.model().equals(model)).toList();
            // Executed once each: the registry holds one version per run, numbered 1..n.
            Http.Response versions = Http.local(ServiceStarter.port(registry)).as(TestIssuer.tokenOf(Role.VIEWER))
                    .get("/api/models/" + model + "/versions");
            assertThat(versions.json()).hasSize(ofModel.size());
            assertThat(ofModel.stream().map(Run::version).sorted().toList())
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, ofModel.size()).boxed().toList());
            for (Run a : ofModel) {
                for (Run b : ofModel) {
                    if (a != b) {
                        boolean overlap = a.started().before(b.finished()) && b.started().before(a.finished());
                        assertThat(overlap).as(a.id() + " and " + b.id() + " of " + model + " ran at once").isFalse();
                    }
                }
            }
        }
        System.out.printf("10 runs on two replicas: %s%n", runs.stream()
                .collect(java.util.stream.Collectors.groupingBy(r -> r.owner().replaceAll(".*/", ""),
                        java.util.stream.Collectors.counting())));
    }

    @Test
    @Order(2)
    void aReplicaThatStopsOrDiesMidRunLeavesNoRunRunning() {
        spec("replicas-long", 400);
        UUID longRun = queue("replicas-long");
        Run running = Await.until("the long run to be trained", Duration.ofSeconds(60), () -> run(longRun),
                r -> r.status().equals("RUNNING") && r.started() != null);
        ConfigurableApplicationContext owner = ownerOf(running);
        ConfigurableApplicationContext survivor = owner == first ? second : first;
        if (owner == first) {
            http = Http.local(ServiceStarter.port(second)).as(TestIssuer.tokenOf(Role.ENGINEER));
            jdbc = second.getBean(JdbcClient.class);
        }

        // A rolling update stops the replica: the run goes back to the queue and the other replica finishes it.
        owner.close();
        Run finished = awaitFinished(longRun, Duration.ofMinutes(3));
        assertThat(finished.status()).isEqualTo("SUCCEEDED");
        assertThat(finished.attempts()).isEqualTo(2);
        assertThat(finished.owner()).isEqualTo(survivor.getBean(RunLeases.class).owner());

        // A replica that died holds a run whose lease is not renewed: it is queued again and finished elsewhere.
        spec("replicas-crashed", 20);
        UUID crashed = UUID.randomUUID();
        jdbc.sql("""
                insert into training_runs (run_id, model, status, reason, dataset, spec, started_at, owner, lease_until,
                  attempts)
                select :id, model, 'RUNNING', 'manual', 'penguins-replicas', spec, now(), 'gone/0000', now(), 1
                from training_specs where model = 'replicas-crashed'""").param("id", crashed).update();
        Run reclaimed = awaitFinished(crashed, Duration.ofSeconds(60));
        assertThat(reclaimed.status()).isEqualTo("SUCCEEDED");
        assertThat(reclaimed.attempts()).isEqualTo(2);

        // A run another live replica holds is never reclaimed, and no replica but its owner can change it.
        UUID elsewhere = UUID.randomUUID();
        jdbc.sql("""
                insert into training_runs (run_id, model, status, reason, dataset, spec, started_at, owner, lease_until,
                  attempts)
                select :id, model, 'RUNNING', 'manual', 'penguins-replicas', spec, now(), 'alive/1111',
                  now() + interval '1 hour', 1
                from training_specs where model = 'replicas-crashed'""").param("id", elsewhere).update();
        RunRepository repository = survivor.getBean(RunRepository.class);
        assertThatThrownBy(() -> repository.fail(elsewhere, "not mine")).isInstanceOf(LeaseLost.class);
        assertThatThrownBy(() -> repository.fail(longRun, "finished already")).isInstanceOf(LeaseLost.class);
        Await.pause(Duration.ofMillis(2500));
        assertThat(run(elsewhere).status()).isEqualTo("RUNNING");
        assertThat(run(elsewhere).owner()).isEqualTo("alive/1111");
        assertThat(run(longRun).status()).isEqualTo("SUCCEEDED");
        jdbc.sql("delete from training_runs where run_id = :id").param("id", elsewhere).update();
        assertThat(jdbc.sql("select count(*) from training_runs where status = 'RUNNING'").query(Long.class).single())
                .isZero();
    }

    @Test
    @Order(3)
    void aPromotionThatCouldNotBeDecidedIsDecidedAgainOnRequestAndMovesTheAliasFromTheRevisionItRead() {
        Http.Response put = http.putJson("/api/training-specs/replicas-gated", Map.of("dataset", "penguins-replicas",
                "label", "Species", "type", "classifier", "triggers", List.of("manual"),
                "params", Map.of("epochs", 20), "promote", Map.of("alias", "production", "metric", "accuracy")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        UUID id = queue("replicas-gated");
        assertThat(awaitFinished(id, Duration.ofSeconds(60)).status()).isEqualTo("SUCCEEDED");
        Http.Response taken = http.postJson("/api/training-runs/" + id + "/promotion", Map.of());
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);

        // As the gate records a decision it could not take (the registry did not answer), and the alias was
        // moved meanwhile by somebody else: the decision taken again reads the alias anew.
        jdbc.sql("""
                update training_runs set promotion = '{"alias":"production","promoted":false,"retryable":true,
                  "reason":"not decided: the registry did not answer"}'::jsonb where run_id = :id""")
                .param("id", id).update();
        Http registryApi = Http.local(ServiceStarter.port(registry)).as(TestIssuer.tokenOf(Role.OPS));
        long before = registryApi.get("/api/models/replicas-gated/aliases/production").json().get("revision").asLong();
        Http.Response again = http.postJson("/api/training-runs/" + id + "/promotion", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("incumbentVersion").asInt()).isEqualTo(1);
        assertThat(again.json().get("retryable")).isNull();
        assertThat(http.get("/api/training-runs/" + id).json().get("promotion").get("reason").asString())
                .isEqualTo(again.json().get("reason").asString());
        long after = registryApi.get("/api/models/replicas-gated/aliases/production").json().get("revision").asLong();
        assertThat(after).isEqualTo(before + 1);
        assertThat(http.postJson("/api/training-runs/" + id + "/promotion", Map.of()).status()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void aTriggeredRunOfTrainingDoneBeforeRegistersNothingWhileAManualOneTrainsAsAsked() {
        spec("replicas-same", 20);
        UUID manual = queue("replicas-same");
        assertThat(awaitFinished(manual, Duration.ofSeconds(60)).version()).isEqualTo(1);

        UUID drift = (first.isActive() ? first : second).getBean(RunQueue.class).enqueue("replicas-same", "drift", null,
                "trigger:drift");
        Run repeat = awaitFinished(drift, Duration.ofSeconds(60));
        UUID again = queue("replicas-same");
        Run asked = awaitFinished(again, Duration.ofSeconds(60));

        assertThat(repeat.status()).isEqualTo("SUCCEEDED");
        assertThat(repeat.version()).as("the version that training made before").isEqualTo(1);
        JsonNode recorded = http.get("/api/training-runs/" + drift).json();
        assertThat(recorded.get("promotion").get("promoted").asBoolean()).isFalse();
        assertThat(recorded.get("promotion").get("sameAs").asString()).isEqualTo(manual.toString());
        assertThat(recorded.get("promotion").get("reason").asString()).startsWith("nothing new to learn: run " + manual
                + " trained v1 on the same data (penguins-replicas v1)");
        assertThat(asked.version()).as("a manual run trains").isEqualTo(2);
        assertThat(Http.local(ServiceStarter.port(registry)).as(TestIssuer.tokenOf(Role.VIEWER))
                .get("/api/models/replicas-same/versions").json()).hasSize(2);
    }

    private static ConfigurableApplicationContext ownerOf(Run run) {
        return first.getBean(RunLeases.class).owner().equals(run.owner()) ? first : second;
    }
}
