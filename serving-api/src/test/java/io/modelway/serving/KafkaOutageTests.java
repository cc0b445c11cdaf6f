package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A serving replica whose Kafka broker stops (a broker of its own, so that the rest of the suite keeps its): predicts
 * go on answering (the prediction log sends off the request path, bounded: {@code PredictionLogTests}), and feedback,
 * which is answered only once Kafka has it, is a 503 within the send deadline instead of a request thread held for
 * minutes.
 */
class KafkaOutageTests {

    @Test
    void predictsKeepAnsweringAndFeedbackIsRefusedAtItsDeadlineWhileKafkaIsDown() {
        ServingStack stack = ServingStack.get();
        stack.register("kafka-outage", TestModels.penguinsClassifier(31, 40, 8));
        stack.alias("kafka-outage", "production", 1);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        boolean brokerUp = true;
        try (ConfigurableApplicationContext replica = stack.anotherServing(Map.of(
                "MODELWAY_KAFKA_BROKERS", broker.getBrokersAsString()))) {
            Http serving = Http.local(ServingStack.port(replica)).as(TestIssuer.tokenOf(Role.ENGINEER));
            Await.until("the replica to be ready", Duration.ofSeconds(60), () -> serving.get("/readyz").status(),
                    s -> s == 200);
            String requestId = predict(serving).json().get("requestId").asString();
            assertThat(serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", "Gentoo")).status())
                    .isEqualTo(202);

            broker.destroy();
            brokerUp = false;
            List<Long> predictMillis = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                Http.Response answer = predict(serving);
                predictMillis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
            long started = System.nanoTime();
            Http.Response feedback = serving.postJson("/api/feedback", Map.of("requestId", requestId, "label", "Adelie"));
            double refusedAfter = (System.nanoTime() - started) / 1e9;
            assertThat(feedback.status()).as(feedback.body()).isEqualTo(503);
            assertThat(feedback.json().get("detail").asString()).contains("not recorded");
            assertThat(refusedAfter).isLessThan(20.0);
            assertThat(serving.get("/readyz").status()).isEqualTo(200);
            System.out.printf("Kafka down: 50 of 50 predicts answered (slowest %d ms), feedback refused with 503 after"
                    + " %.1f s%n", predictMillis.stream().mapToLong(Long::longValue).max().orElseThrow(), refusedAfter);
        } finally {
            if (brokerUp) {
                broker.destroy();
            }
        }
    }

    private static Http.Response predict(Http serving) {
        return serving.postJson("/api/models/kafka-outage/predict", Map.of("instances", List.of(ServingStack.gentoo())));
    }
}
