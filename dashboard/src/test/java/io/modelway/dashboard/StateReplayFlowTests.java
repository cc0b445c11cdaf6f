package io.modelway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.security.Role;
import io.modelway.dashboard.drift.StandInLookups;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.Samples;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard that restarts comes back with the drift windows and live accuracy it had: it reads the prediction
 * and feedback topics again from the replay period, and a window rebuilt that way is not sent to training a second time.
 * A new one starts at the replay period, not at the beginning of the topics.
 */
class StateReplayFlowTests {

    private final String group = "replay-" + UUID.randomUUID();
    private final String model = "replay-" + UUID.randomUUID().toString().substring(0, 8);
    // Topics of this test alone, so that what it logs "two days ago" sits before everything else in them,
    // as it would in production.
    private final String predictions = "modelway.predictions." + model;
    private final String feedback = "modelway.feedback." + model;

    private ConfigurableApplicationContext start() {
        return ServiceStarter.start("dashboard", Map.of("MODELWAY_DRIFT_WINDOW_ROWS", "300"),
                List.of("--spring.cloud.stream.bindings.predictionEvents-in-0.group=" + group,
                        "--spring.cloud.stream.bindings.feedbackEvents-in-0.group=" + group,
                        "--spring.cloud.stream.bindings.predictionEvents-in-0.destination=" + predictions,
                        "--spring.cloud.stream.bindings.feedbackEvents-in-0.destination=" + feedback),
                DashboardApplication.class, StandInLookups.class);
    }

    private void send(ConfigurableApplicationContext dashboard, String requestId, List<Map<String, Object>> inputs,
            Map<String, Object> output) {
        dashboard.getBean(StreamBridge.class).send(predictions, EventMessages.toMessage(new PredictionLogged(
                UUID.randomUUID(), Instant.now(), requestId, model, 1, PredictionLogged.PRIMARY, inputs,
                output == null ? List.of() : List.of(output), 1.0)));
    }

    /** Penguins with body mass shifted by 1500 g: far from training. */
    private static List<Map<String, Object>> heavyPenguins(int count) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        for (int i = 0; i < count; i++) {
            Map<String, String> row = rows.get(i % rows.size());
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("Island", row.get("Island"));
            input.put("Body Mass (g)", Double.parseDouble(row.get("Body Mass (g)")) + 1500);
            inputs.add(input);
        }
        return inputs;
    }

    private List<DriftMeasured> windowsSent(int atLeast, Duration wait) {
        return EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.training", DriftMeasured.class,
                e -> e.model().equals(model), atLeast, wait);
    }

    /** A prediction and its feedback logged two days ago, before the replay period. */
    private void loggedTwoDaysAgo() throws Exception {
        long twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).toEpochMilli();
        String requestId = model + ":1:" + UUID.randomUUID();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBrokers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<byte[], byte[]> record : List.of(
                    EventMessages.toRecord(predictions, new PredictionLogged(UUID.randomUUID(), Instant.now(),
                            requestId, model, 1, PredictionLogged.PRIMARY, heavyPenguins(1), List.of(Map.of("label", "Adelie")), 1.0)),
                    EventMessages.toRecord(feedback, new FeedbackReceived(UUID.randomUUID(), Instant.now(),
                            requestId, model, "Gentoo")))) {
                producer.send(new ProducerRecord<>(record.topic(), null, twoDaysAgo, record.key(), record.value(),
                        record.headers())).get();
            }
        }
    }

    @Test
    void aRestartedDashboardRebuildsItsWindowsAndAccuracyWithoutAskingAgain() throws Exception {
        loggedTwoDaysAgo();
        try (ConfigurableApplicationContext first = start()) {
            Http http = Http.local(ServiceStarter.port(first)).as(TestIssuer.tokenOf(Role.VIEWER));
            String requestId = model + ":1:" + UUID.randomUUID();
            send(first, requestId, heavyPenguins(1), Map.of("label", "Gentoo"));
            first.getBean(StreamBridge.class).send(feedback, EventMessages.toMessage(new FeedbackReceived(
                    UUID.randomUUID(), Instant.now(), requestId, model, "Gentoo")));
            send(first, model + ":1:" + UUID.randomUUID(), heavyPenguins(299), null);

            JsonNode windows = Await.until("a window of " + model, Duration.ofSeconds(30),
                    () -> http.get("/api/drift/" + model).json(), w -> w.size() == 1);
            assertThat(windows.get(0).get("replayed").asBoolean()).isFalse();
            // Only the feedback of the last day: a new group does not read the topic's whole history.
            JsonNode joined = Await.until("the feedback joined", Duration.ofSeconds(30),
                    () -> http.get("/api/live-accuracy/" + model).json(), s -> s.size() == 1);
            assertThat(joined.get(0).get("feedback").asLong()).isEqualTo(1);
            assertThat(joined.get(0).get("accuracy").asDouble()).isEqualTo(1.0);
        }
        assertThat(windowsSent(1, Duration.ofSeconds(20))).hasSize(1);

        try (ConfigurableApplicationContext second = start()) {
            Http http = Http.local(ServiceStarter.port(second)).as(TestIssuer.tokenOf(Role.VIEWER));
            JsonNode scores = Await.until("live accuracy rebuilt", Duration.ofSeconds(30),
                    () -> http.get("/api/live-accuracy/" + model).json(), s -> s.size() == 1);
            assertThat(scores.get(0).get("feedback").asLong()).isEqualTo(1);
            assertThat(scores.get(0).get("accuracy").asDouble()).isEqualTo(1.0);
            JsonNode rebuilt = Await.until("the window rebuilt", Duration.ofSeconds(30),
                    () -> http.get("/api/drift/" + model).json(), w -> w.size() == 1);
            assertThat(rebuilt.get(0).get("replayed").asBoolean()).isTrue();
            assertThat(rebuilt.get(0).get("rows").asInt()).isEqualTo(300);

            // What arrives after the restart is new: it is sent.
            send(second, model + ":1:" + UUID.randomUUID(), heavyPenguins(300), null);
            JsonNode both = Await.until("a new window", Duration.ofSeconds(30),
                    () -> http.get("/api/drift/" + model).json(), w -> w.size() == 2);
            assertThat(both.get(1).get("replayed").asBoolean()).isFalse();
        }
        assertThat(windowsSent(3, Duration.ofSeconds(5))).as("one before the restart, one after, none replayed")
                .hasSize(2);
    }
}
