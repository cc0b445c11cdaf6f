package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A serving-api with the DL4J engine (micro-batching on per-worker network copies) next to the default one:
 * the same answers, and concurrent single-row requests scored in shared batches.
 */
class Dl4jEngineFlowTests {

    static ServingStack stack;
    static ConfigurableApplicationContext dl4j;
    static Http dl4jServing;
    static Http dl4jMetrics;

    @BeforeAll
    static void serve() {
        stack = ServingStack.get();
        stack.alias("engines", "production", stack.register("engines", TestModels.penguinsClassifier(51, 60, 16)));
        stack.awaitServed("engines", 1);
        dl4j = stack.anotherServing(Map.of("MODELWAY_SERVING_ENGINE", "dl4j", "MODELWAY_SERVING_WORKERS", "2"));
        dl4jServing = Http.local(ServingStack.port(dl4j)).as(TestIssuer.tokenOf(Role.CLIENT));
        dl4jMetrics = Http.local(ServiceStarter.managementPort(dl4j));
        Await.until("the DL4J server to serve engines", Duration.ofSeconds(30), () -> dl4jServing.get("/v2/models/engines"),
                r -> r.status() == 200);
    }

    @AfterAll
    static void close() {
        dl4j.close();
    }

    @Test
    void bothEnginesGiveTheSameAnswers() {
        assertThat(stack.serving.get("/v2/models/engines").json().get("parameters").get("engine").asString())
                .isEqualTo("java-dense");
        assertThat(dl4jServing.get("/v2/models/engines").json().get("parameters").get("engine").asString())
                .isEqualTo("dl4j");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Map<String, String> row : TestModels.penguins().subList(0, 60)) {
            Map<String, Object> instance = new java.util.HashMap<>(row);
            instance.remove("Species");
            batch.add(instance);
        }
        JsonNode java = stack.predict("engines", batch).json().get("predictions");
        JsonNode dl4jAnswers = dl4jServing.postJson("/api/models/engines/predict", Map.of("instances", batch)).json()
                .get("predictions");
        for (int i = 0; i < batch.size(); i++) {
            assertThat(java.get(i).get("label").asString()).isEqualTo(dl4jAnswers.get(i).get("label").asString());
            for (String species : List.of("Adelie", "Chinstrap", "Gentoo")) {
                assertThat(java.get(i).get("probabilities").get(species).asDouble()).isCloseTo(
                        dl4jAnswers.get(i).get("probabilities").get(species).asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void concurrentSingleRowRequestsAreScoredInSharedBatches() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            statuses.add(clients.submit(() -> dl4jServing.postJson("/api/models/engines/predict",
                    Map.of("instances", List.of(ServingStack.gentoo()))).status()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        clients.shutdown();

        double batches = dl4jMetrics.metric("modelway_inference_batch_rows_count", Map.of("model", "engines")).orElseThrow();
        double rows = dl4jMetrics.metric("modelway_inference_batch_rows_sum", Map.of("model", "engines")).orElseThrow();
        assertThat(rows).isGreaterThanOrEqualTo(400);
        assertThat(batches).isLessThan(rows);
        assertThat(dl4jMetrics.metric("modelway_inference_queue_wait_seconds_count", Map.of("model", "engines")))
                .isPresent();
    }
}
