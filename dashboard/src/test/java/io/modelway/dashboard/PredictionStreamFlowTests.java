package io.modelway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.function.StreamBridge;
import tools.jackson.databind.JsonNode;

/**
 * Predictions are read a batch at a time on the real broker: a record that cannot be read lands in
 * {@code modelway.predictions.dlq}, and the records before and after it in its batch are each observed once.
 */
@ServiceFlowTest
class PredictionStreamFlowTests {

    @Autowired
    StreamBridge bridge;

    @LocalServerPort
    int port;

    @Test
    void aPoisonRecordInABatchGoesToTheDlqAndItsNeighboursAreObservedOnce() {
        String model = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                bridge.send("modelway.predictions", EventMessages.toMessage("PredictionLogged", model,
                        "{\"eventId\": not json".getBytes(StandardCharsets.UTF_8)));
            }
            PredictionLogged prediction = new PredictionLogged(UUID.randomUUID(), Instant.now(), model + ":" + i, model,
                    1, PredictionLogged.PRIMARY, List.of(Map.of("x", i)), List.of(Map.of("label", "a")), 1.0);
            bridge.send("modelway.predictions", EventMessages.toMessage(prediction));
            if (i == 3) {
                // A redelivered copy: observed once.
                bridge.send("modelway.predictions", EventMessages.toMessage(prediction));
            }
            bridge.send("modelway.feedback", EventMessages.toMessage(new FeedbackReceived(UUID.randomUUID(),
                    Instant.now(), model + ":" + i, model, "a")));
        }

        Http viewer = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER));
        JsonNode scores = Await.until("20 predictions joined", Duration.ofSeconds(60),
                () -> viewer.get("/api/live-accuracy/" + model).json(),
                s -> s.size() == 1 && s.get(0).get("feedback").asLong() >= 20);
        List<ConsumerRecord<byte[], byte[]>> dead = EventProbe.awaitRecords(TestInfrastructure.get().kafkaBrokers(),
                "modelway.predictions.dlq", r -> new String(r.value(), StandardCharsets.UTF_8).startsWith("{\"eventId\": not"),
                1, Duration.ofSeconds(30));

        assertThat(scores.get(0).get("feedback").asLong()).isEqualTo(20);
        assertThat(scores.get(0).get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(dead).hasSize(1);
    }
}
