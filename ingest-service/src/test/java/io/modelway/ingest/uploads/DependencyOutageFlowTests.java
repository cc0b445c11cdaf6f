package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.ingest.IngestApplication;
import io.modelway.test.Await;
import io.modelway.test.FaultyLink;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The object store or the database stops while uploads and streaming windows arrive: callers are told to retry
 * (503), no FAILED version is left behind for each attempt, and once the dependency is back every row is in
 * exactly one published version.
 */
class DependencyOutageFlowTests {

    @Test
    @SuppressWarnings("unchecked")
    void anObjectStoreOutageLosesNoRowAndLeavesNoFailedVersions() {
        URI s3 = URI.create(TestInfrastructure.get().properties().get("MODELWAY_S3_ENDPOINT"));
        try (FaultyLink link = FaultyLink.to(s3.getPort(), FaultyLink.Mode.PASS);
                ConfigurableApplicationContext ingest = ServiceStarter.start("ingest-service",
                        Map.of("MODELWAY_S3_ENDPOINT", "http://127.0.0.1:" + link.port()),
                        // A schema of its own: no other ingest-service of this JVM closes these windows.
                        List.of("--spring.datasource.hikari.schema=ingest_outage", "--spring.flyway.schemas=ingest_outage",
                                "--spring.flyway.default-schema=ingest_outage", "--modelway.ingest.stream.window-rows=5", "--modelway.ingest.stream.window-time=1s",
                                "--modelway.ingest.stream.check-interval=200ms",
                                "--modelway.s3.connect-timeout=1s", "--modelway.s3.read-timeout=2s"),
                        IngestApplication.class)) {
            Http http = Http.local(ServiceStarter.port(ingest)).as(TestIssuer.tokenOf(Role.ENGINEER));
            Consumer<Message<String>> records = (Consumer<Message<String>>) ingest.getBean("records");
            byte[] csv = "site,reading\nnorth,1\nsouth,2\nnorth,3\n".getBytes(StandardCharsets.UTF_8);

            link.mode(FaultyLink.Mode.DOWN);
            int refused = 0;
            for (int i = 0; i < 3; i++) {
                Http.Response upload = http.post("/api/datasets/outage-upload/uploads", "text/csv", csv);
                assertThat(upload.status()).as(upload.body()).isEqualTo(503);
                refused++;
            }
            for (int i = 0; i < 12; i++) {
                records.accept(MessageBuilder.withPayload("{\"site\":\"north\",\"reading\":" + i + "}")
                        .setHeader(KafkaHeaders.RECEIVED_KEY, "outage-stream".getBytes(StandardCharsets.UTF_8))
                        .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0).setHeader(KafkaHeaders.OFFSET, 700_000L + i)
                        .build());
            }
            // Windows fall due and are tried while the store is out.
            Await.pause(Duration.ofMillis(3000));
            assertThat(versions(http, "outage-upload")).isEmpty();
            assertThat(versions(http, "outage-stream")).isEmpty();

            link.mode(FaultyLink.Mode.PASS);
            long back = System.nanoTime();
            Http.Response upload = http.post("/api/datasets/outage-upload/uploads", "text/csv", csv);
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            assertThat(upload.json().get("version").asInt()).isEqualTo(1);
            JsonNode stream = Await.until("the windows to close once the store is back", Duration.ofSeconds(30),
                    () -> versions(http, "outage-stream"),
                    v -> v.valueStream().mapToLong(x -> x.get("rowsReceived").asLong()).sum() == 12
                            && v.valueStream().noneMatch(x -> x.get("status").asString().equals("PENDING")));
            double recovered = (System.nanoTime() - back) / 1e9;
            assertThat(stream.valueStream().map(v -> v.get("status").asString())).containsOnly("PUBLISHED");
            assertThat(stream.valueStream().mapToLong(v -> v.get("rowsClean").asLong()).sum()).isEqualTo(12);
            assertThat(versions(http, "outage-upload").valueStream().map(v -> v.get("status").asString()))
                    .containsExactly("PUBLISHED");
            System.out.printf("Object store down: %d uploads refused with 503, 12 streamed records held; back: "
                    + "all rows published in %d versions, 0 FAILED, %.1f s after the store returned%n", refused,
                    stream.size(), recovered);
        }
    }

    @Test
    void aDatabaseOutageRefusesUploadsAtThePoolDeadlineAndRecoversWithoutLoss() {
        Map<String, String> infrastructure = TestInfrastructure.get().properties();
        URI db = URI.create(infrastructure.get("MODELWAY_DB_URL").substring("jdbc:".length()));
        try (FaultyLink link = FaultyLink.to(db.getPort(), FaultyLink.Mode.PASS);
                ConfigurableApplicationContext ingest = ServiceStarter.start("ingest-service", Map.of(
                        "MODELWAY_DB_URL", infrastructure.get("MODELWAY_DB_URL")
                                .replace(":" + db.getPort() + "/", ":" + link.port() + "/"),
                        "MODELWAY_DB_POOL_TIMEOUT", "1000", "MODELWAY_DB_CONNECT_TIMEOUT", "1"),
                        List.of("--spring.datasource.hikari.schema=ingest_db_outage",
                                "--spring.flyway.schemas=ingest_db_outage", "--spring.flyway.default-schema=ingest_db_outage"),
                        IngestApplication.class)) {
            Http http = Http.local(ServiceStarter.port(ingest)).as(TestIssuer.tokenOf(Role.ENGINEER));
            byte[] first = "site,reading\nnorth,1\nsouth,2\n".getBytes(StandardCharsets.UTF_8);
            byte[] second = "site,reading\nnorth,3\nsouth,4\nwest,5\n".getBytes(StandardCharsets.UTF_8);
            assertThat(http.post("/api/datasets/outage-db/uploads", "text/csv", first).status()).isEqualTo(201);

            link.mode(FaultyLink.Mode.DOWN);
            long down = System.nanoTime();
            Http.Response refused = http.post("/api/datasets/outage-db/uploads", "text/csv", second);
            double refusedAfter = (System.nanoTime() - down) / 1e9;
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refusedAfter).isLessThan(10.0);
            Await.pause(Duration.ofMillis(2000));

            link.mode(FaultyLink.Mode.PASS);
            long back = System.nanoTime();
            Http.Response accepted = Await.until("the upload to be taken once the database is back",
                    Duration.ofSeconds(30), () -> http.post("/api/datasets/outage-db/uploads", "text/csv", second),
                    r -> r.status() != 503);
            double recovered = (System.nanoTime() - back) / 1e9;
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            JsonNode versions = versions(http, "outage-db");
            assertThat(versions.valueStream().map(v -> v.get("status").asString())).containsOnly("PUBLISHED");
            assertThat(versions.valueStream().mapToLong(v -> v.get("rowsReceived").asLong()).sum()).isEqualTo(5);
            System.out.printf("Database down: the upload refused with 503 after %.1f s; back: accepted %.1f s later, "
                    + "5 of 5 rows in %d published versions, 0 FAILED%n", refusedAfter, recovered, versions.size());
        }
    }

    private static JsonNode versions(Http http, String dataset) {
        Http.Response response = http.get("/api/datasets/" + dataset + "/versions");
        return response.status() == 404 ? tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                : response.json();
    }

}
