package io.modelway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.security.Role;
import io.modelway.dashboard.drift.DriftMonitor;
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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restarted dashboard takes its drift windows and live accuracy back from the checkpoints of its partitions and
 * resumes where they were written: it does not read again what it had done, except the predictions still waiting for
 * feedback; a window half full before the restart is completed after it, a prediction made before it is joined to
 * feedback sent while the dashboard was down, and nothing is counted or sent to training twice.
 */
class MonitorCheckpointsFlowTests {

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "checkpoint-" + id;
    private final String predictions = "modelway.predictions." + model;
    private final String feedback = "modelway.feedback." + model;
    private final String brokers = TestInfrastructure.get().kafkaBrokers();

    @BeforeEach
    void topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            // As many partitions on both, as serving makes them: a prediction and its feedback share a partition number.
            admin.createTopics(List.of(new NewTopic(predictions, 3, (short) 1), new NewTopic(feedback, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private ConfigurableApplicationContext start() {
        return ServiceStarter.start("dashboard", Map.of("MODELWAY_DRIFT_WINDOW_ROWS", "300",
                "MODELWAY_MONITOR_CHECKPOINT_TOPIC", "modelway.monitor-state." + id,
                "MODELWAY_MONITOR_CHECKPOINT_INTERVAL", "PT1S", "MODELWAY_MONITOR_JOIN_HORIZON", "100"),
                List.of("--spring.cloud.stream.bindings.monitorEvents-in-0.group=checkpoints-" + id,
                        "--spring.cloud.stream.bindings.monitorEvents-in-0.destination=" + predictions + "," + feedback),
                DashboardApplication.class, StandInLookups.class);
    }

    /** Waits for the dashboard's consumer to hold the six partitions: a new group starts near their end. */
    private void assigned() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Await.until("the partitions assigned", Duration.ofSeconds(30), () -> {
                try {
                    return admin.describeConsumerGroups(List.of("checkpoints-" + id)).all().get(10, TimeUnit.SECONDS)
                            .get("checkpoints-" + id).members().stream()
                            .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                } catch (Exception e) {
                    return 0;
                }
            }, partitions -> partitions == 6);
        }
    }

    private void send(List<ModelwayEvent> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (ModelwayEvent event : events) {
                producer.send(EventMessages.toRecord(event instanceof FeedbackReceived ? feedback : predictions, event));
            }
            producer.flush();
        }
    }

    private PredictionLogged predicted(String requestId, Map<String, Object> input, String label) {
        return new PredictionLogged(UUID.randomUUID(), Instant.now(), requestId, model, 1, PredictionLogged.PRIMARY,
                List.of(input), List.of(Map.of("label", label)), 1.0);
    }

    private FeedbackReceived truth(String requestId, String label) {
        return new FeedbackReceived(UUID.randomUUID(), Instant.now(), requestId, model, label);
    }

    /** Penguins with body mass shifted by 1500 g: far from training. */
    private List<ModelwayEvent> heavyPenguins(int count) {
        List<ModelwayEvent> events = new ArrayList<>();
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        for (int i = 0; i < count; i++) {
            Map<String, String> row = rows.get(i % rows.size());
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("Island", row.get("Island"));
            input.put("Body Mass (g)", Double.parseDouble(row.get("Body Mass (g)")) + 1500);
            events.add(predicted(model + ":" + UUID.randomUUID(), input, "Gentoo"));
        }
        return events;
    }

    private List<DriftMeasured> windowsSent(int atLeast, Duration wait) {
        return EventProbe.await(brokers, "modelway.training", DriftMeasured.class, e -> e.model().equals(model), atLeast,
                wait);
    }

    @Test
    void aRestartedDashboardResumesFromItsCheckpointsWithoutReadingItsDayAgain() throws Exception {
        String joinedBefore = model + ":joined";
        String joinedAfter = model + ":waiting";
        Map<String, Object> input = Map.of("Island", "Biscoe", "Body Mass (g)", 6500.0);
        List<ModelwayEvent> before = new ArrayList<>(List.of(predicted(joinedBefore, input, "Gentoo"),
                truth(joinedBefore, "Gentoo")));
        // 300 rows close a window; 100 more stay in the next, open one.
        before.addAll(heavyPenguins(398));
        before.add(predicted(joinedAfter, input, "Gentoo"));
        try (ConfigurableApplicationContext first = start()) {
            assigned();
            send(before);
            Http http = Http.local(ServiceStarter.port(first)).as(TestIssuer.tokenOf(Role.VIEWER));
            Await.until("a window of " + model, Duration.ofSeconds(30), () -> http.get("/api/drift/" + model).json(),
                    w -> w.size() == 1);
            Await.until("the first feedback joined", Duration.ofSeconds(30),
                    () -> http.get("/api/live-accuracy/" + model).json(),
                    s -> s.size() == 1 && s.get(0).get("feedback").asLong() == 1);
            Await.until("all 400 predictions read", Duration.ofSeconds(30), () -> openRows(first), rows -> rows == 100);
        }
        assertThat(windowsSent(1, Duration.ofSeconds(20))).hasSize(1);

        // While the dashboard is away: the feedback of a prediction it has seen, and 200 more predictions.
        List<ModelwayEvent> away = new ArrayList<>(List.of(truth(joinedAfter, "Adelie")));
        away.addAll(heavyPenguins(200));
        send(away);

        long restarted = System.nanoTime();
        try (ConfigurableApplicationContext second = start()) {
            Http http = Http.local(ServiceStarter.port(second)).as(TestIssuer.tokenOf(Role.VIEWER));
            JsonNode windows = Await.until("the open window completed", Duration.ofSeconds(30),
                    () -> http.get("/api/drift/" + model).json(), w -> w.size() == 2);
            double seconds = (System.nanoTime() - restarted) / 1e9;
            assertThat(windows.get(0).get("rows").asInt()).isEqualTo(300);
            assertThat(windows.get(1).get("rows").asInt()).as("100 rows from before the restart, 200 after")
                    .isEqualTo(300);
            JsonNode scores = Await.until("the waiting prediction joined", Duration.ofSeconds(30),
                    () -> http.get("/api/live-accuracy/" + model).json(),
                    s -> s.size() == 1 && s.get(0).get("feedback").asLong() == 2);
            assertThat(scores.get(0).get("correct").asLong()).isEqualTo(1);
            assertThat(scores.get(0).get("accuracy").asDouble()).isEqualTo(0.5);

            // Only the predictions still waiting for feedback were read again (no more than the last 100 of each of the
            // three partitions), and none of them counted again.
            double readAgain = second.getBean(MeterRegistry.class).get("modelway_monitor_records_read_again").counter()
                    .count();
            assertThat(readAgain).isPositive().isLessThanOrEqualTo(3 * 100);
            System.out.printf("Restarted in %.1f s to both windows; %d of the 400 predictions done before were read again"
                    + " to wait for their feedback%n", seconds, (long) readAgain);
        }
        List<DriftMeasured> sent = windowsSent(3, Duration.ofSeconds(5));
        assertThat(sent).as("the window before the restart and the one completed after it, each once").hasSize(2);
        assertThat(sent.get(1).rows()).isEqualTo(300);
        List<LabelledPrediction> truths = EventProbe.await(brokers, "modelway.ground-truth", LabelledPrediction.class,
                e -> e.model().equals(model), 3, Duration.ofSeconds(5));
        assertThat(truths).extracting(LabelledPrediction::requestId).containsExactlyInAnyOrder(joinedBefore, joinedAfter);
    }

    private static int openRows(ConfigurableApplicationContext dashboard) {
        DriftMonitor drift = dashboard.getBean(DriftMonitor.class);
        int rows = 0;
        for (int partition = 0; partition < 3; partition++) {
            rows += drift.state(partition).open().stream().mapToInt(w -> w.rows()).sum();
        }
        return rows;
    }
}
