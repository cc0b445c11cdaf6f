package io.modelway.training.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.events.EventMessages;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.FaultyLink;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import io.modelway.training.IngestForTests;
import io.modelway.training.TrainingApplication;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The database stops while a dataset event arrives: the consumer waits for it with a backoff instead of sending the
 * event to the DLQ after three quick attempts, and once the database is back the event queues its run, once.
 */
class ConsumerOutageFlowTests {

    /** Waits for the group's consumer to hold its partitions: it starts at their end. */
    private static void assigned(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBrokers()))) {
            Await.until("the partitions of modelway.datasets assigned", Duration.ofSeconds(60), () -> {
                try {
                    return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                            .members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                } catch (Exception e) {
                    return 0;
                }
            }, partitions -> partitions > 0);
        }
    }

    @Test
    void aDatasetEventThatArrivesWhileTheDatabaseIsDownQueuesItsRunOnceTheDatabaseIsBack() {
        Map<String, String> infrastructure = TestInfrastructure.get().properties();
        URI db = URI.create(infrastructure.get("MODELWAY_DB_URL").substring("jdbc:".length()));
        int version = IngestForTests.upload("flowers-db-outage", TrainingTriggersTests.FLOWERS);
        try (FaultyLink link = FaultyLink.to(db.getPort(), FaultyLink.Mode.PASS);
                ConfigurableApplicationContext training = ServiceStarter.start("training-service", Map.of(
                        "MODELWAY_DB_URL", infrastructure.get("MODELWAY_DB_URL")
                                .replace(":" + db.getPort() + "/", ":" + link.port() + "/"),
                        "MODELWAY_DB_POOL_TIMEOUT", "1000", "MODELWAY_DB_CONNECT_TIMEOUT", "1",
                        "MODELWAY_INGEST_URL", IngestForTests.url(), "MODELWAY_REGISTRY_URL", "http://127.0.0.1:9"),
                        // Its own schema and consumer group: no other training-service of this JVM takes the event.
                        List.of("--spring.datasource.hikari.schema=training_consumer_outage",
                                "--spring.flyway.schemas=training_consumer_outage",
                                "--spring.flyway.default-schema=training_consumer_outage",
                                "--spring.cloud.stream.bindings.datasetEvents-in-0.group=training-consumer-outage",
                                "--spring.cloud.stream.kafka.bindings.datasetEvents-in-0.consumer.start-offset=latest"),
                        TrainingApplication.class)) {
            Http http = Http.local(ServiceStarter.port(training)).as(TestIssuer.tokenOf(Role.ENGINEER));
            // The group starts at the end of the topic, past the upload's own event: only the event sent while the
            // database is down can queue a run.
            assigned("training-consumer-outage");
            Http.Response spec = http.putJson("/api/training-specs/outage-waits", Map.of("dataset", "flowers-db-outage",
                    "label", "species", "type", "classifier", "triggers", List.of("new-data"),
                    "params", Map.of("epochs", 5)));
            assertThat(spec.status()).as(spec.body()).isEqualTo(200);

            link.mode(FaultyLink.Mode.DOWN);
            training.getBean(StreamBridge.class).send("modelway.datasets", EventMessages.toMessage(
                    new DatasetVersionCreated(UUID.randomUUID(), Instant.now(), "flowers-db-outage", version, 4, 4, 0,
                            "sha", "sha", Map.of(), null)));
            Await.pause(Duration.ofSeconds(8));
            link.mode(FaultyLink.Mode.PASS);
            long back = System.nanoTime();

            JsonNode runs = Await.until("the event to queue its run once the database is back", Duration.ofSeconds(60),
                    () -> http.get("/api/training-runs?model=outage-waits"), r -> r.status() == 200 && r.json().size() > 0)
                    .json();
            double after = (System.nanoTime() - back) / 1e9;
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("reason").asString()).isEqualTo("new-data");
            Await.pause(Duration.ofSeconds(2));
            assertThat(http.get("/api/training-runs?model=outage-waits").json()).hasSize(1);
            System.out.printf("Database down 8 s under a dataset event: 0 events to the DLQ, its run queued %.1f s after"
                    + " the database returned, once%n", after);
        }
    }
}
