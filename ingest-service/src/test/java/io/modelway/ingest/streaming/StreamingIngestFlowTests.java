package io.modelway.ingest.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Streaming ingestion on the real broker and database: records on {@code modelway.records} gather in a
 * window per dataset that closes into a version at a row count or an age; redeliveries count once and
 * records that are not JSON objects end in the DLQ.
 */
@ServiceFlowTest(properties = {
        "modelway.ingest.stream.window-rows=10",
        "modelway.ingest.stream.window-time=3s",
        "modelway.ingest.stream.check-interval=200ms"})
class StreamingIngestFlowTests {

    @Autowired
    StreamBridge bridge;

    @Autowired
    @Qualifier("records")
    Consumer<Message<String>> records;

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    @Test
    void recordsCloseIntoVersionsByCountThenByAge() {
        for (int i = 0; i < 25; i++) {
            send("sensor-stream", "{\"reading\":" + i + ",\"site\":\"" + (i % 2 == 0 ? "north" : "south") + "\"}");
        }

        JsonNode versions = awaitVersions("sensor-stream", 3);
        assertThat(versions.valueStream().map(v -> v.get("rowsReceived").asLong())).containsExactly(10L, 10L, 5L);
        assertThat(versions.valueStream().map(v -> v.get("status").asString())).containsOnly("PUBLISHED");
        assertThat(versions.valueStream().mapToLong(v -> v.get("rowsClean").asLong()).sum()).isEqualTo(25);
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.datasets",
                DatasetVersionCreated.class, e -> e.dataset().equals("sensor-stream"), 3, Duration.ofSeconds(10)))
                .extracting(DatasetVersionCreated::version).containsExactly(1, 2, 3);
    }

    @Test
    void aRecordThatDoesNotFitTheSchemaIsQuarantinedWithItsReasonAndTheRestOfItsWindowCounts() {
        for (int i = 0; i < 10; i++) {
            send("sensor-schema", "{\"reading\":" + i + ",\"site\":\"north\"}");
        }
        for (int i = 10; i < 20; i++) {
            send("sensor-schema", i == 14 ? "{\"reading\":14,\"site\":\"north\",\"probe\":\"p-7\"}"
                    : i == 17 ? "{\"reading\":17}" : "{\"site\":\"south\",\"reading\":" + i + "}");
        }

        JsonNode second = awaitVersions("sensor-schema", 2).get(1);
        assertThat(second.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(second.get("rowsReceived").asLong()).isEqualTo(10);
        // The record without a site is kept, its site missing; only the one with a field the schema lacks is set aside.
        assertThat(second.get("rowsClean").asLong()).isEqualTo(9);
        assertThat(second.get("quarantineReasons").get("unknown_field").asLong()).isEqualTo(1);
        assertThat(second.get("columnReport").get("site").get("missing").asLong()).isEqualTo(1);
        String quarantine = http.get("/api/datasets/sensor-schema/versions/2/quarantine").body();
        assertThat(quarantine).contains("unknown_field,probe,'probe' is not a column of the dataset's schema")
                .contains("p-7");
    }

    @Test
    void redeliveredRecordIsBufferedOnce() {
        Message<String> first = record("redelivered", "{\"x\":1}", 2, 900_001L);
        records.accept(first);
        records.accept(first);
        records.accept(record("redelivered", "{\"x\":2}", 2, 900_002L));

        JsonNode versions = awaitVersions("redelivered", 1);
        assertThat(versions.get(0).get("rowsReceived").asLong()).isEqualTo(2);
    }

    @Test
    void recordThatIsNotAJsonObjectLandsInTheDeadLetterTopic() {
        String marker = UUID.randomUUID().toString();
        bridge.send("modelway.records", MessageBuilder.withPayload("reading=7".getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, "sensor-bad".getBytes(StandardCharsets.UTF_8))
                .setHeader("test-marker", marker).build());
        bridge.send("modelway.records", MessageBuilder.withPayload("[1,2]".getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, "sensor-bad".getBytes(StandardCharsets.UTF_8))
                .setHeader("test-marker", marker).build());

        List<ConsumerRecord<byte[], byte[]>> dead = EventProbe.awaitRecords(TestInfrastructure.get().kafkaBrokers(),
                "modelway.records.dlq", r -> marker.equals(EventProbe.header(r, "test-marker")), 2,
                Duration.ofSeconds(60));
        assertThat(dead).extracting(r -> EventProbe.header(r, "x-exception-message"))
                .anySatisfy(m -> assertThat(m).contains("must be a JSON object"))
                .anySatisfy(m -> assertThat(m).contains("got NUMBER"));
    }

    private void send(String dataset, String json) {
        bridge.send("modelway.records", MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, dataset.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static Message<String> record(String dataset, String json, int partition, long offset) {
        return MessageBuilder.withPayload(json)
                .setHeader(KafkaHeaders.RECEIVED_KEY, dataset.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partition)
                .setHeader(KafkaHeaders.OFFSET, offset).build();
    }

    private JsonNode awaitVersions(String dataset, int count) {
        return Await.until(count + " versions of " + dataset, Duration.ofSeconds(60),
                () -> http.get("/api/datasets/" + dataset + "/versions"),
                response -> response.status() == 200 && response.json().size() >= count
                        && response.json().valueStream().noneMatch(v -> v.get("status").asString().equals("PENDING")))
                .json();
    }
}
