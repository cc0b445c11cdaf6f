package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.StorageProperties;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swapping versions under load, and what serving does when a new version cannot be loaded. */
class HotSwapTests {

    static ServingStack stack;

    @BeforeAll
    static void stack() {
        stack = ServingStack.get();
    }

    private record Answer(long at, int status, int version) {
    }

    @Test
    void swapsModelWithoutFailingInFlightRequests() throws InterruptedException {
        stack.register("swap", TestModels.penguinsClassifier(6, 60, 16));
        stack.register("swap", TestModels.penguinsClassifier(7, 60, 16));
        stack.alias("swap", "production", 1);
        stack.awaitServed("swap", 1);

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread client = new Thread(() -> {
                Http http = stack.serving;
                while (running.get()) {
                    Http.Response r = http.postJson("/api/models/swap/predict",
                            Map.of("instances", List.of(ServingStack.gentoo())));
                    answers.add(new Answer(System.nanoTime(), r.status(), r.status() == 200 ? r.json().get("version").asInt() : -1));
                }
            });
            client.start();
            clients.add(client);
        }
        Thread.sleep(1000);
        long moved = System.nanoTime();
        stack.alias("swap", "production", 2);
        Await.until("v2 to answer", Duration.ofSeconds(30), () -> answers.stream().anyMatch(a -> a.version() == 2), b -> b);
        Thread.sleep(1000);
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers.stream().map(Answer::version).distinct()).containsExactlyInAnyOrder(1, 2);
        long firstV2 = answers.stream().filter(a -> a.version() == 2).mapToLong(Answer::at).min().orElseThrow();
        long lastV1 = answers.stream().filter(a -> a.version() == 1).mapToLong(Answer::at).max().orElseThrow();
        System.out.printf("Hot swap under load: %d requests, 0 failed; alias move to first v2 answer %.0f ms; "
                + "last v1 answer %.1f ms after the first v2 answer%n", answers.size(), (firstV2 - moved) / 1e6,
                (lastV1 - firstV2) / 1e6);
        assertThat(stack.servingMetrics.metric("modelway_model_swap_duration_seconds_count", Map.of("model", "swap"))
                .orElseThrow()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aVersionThatCannotBeLoadedLeavesTheLastGoodOneServingAndReadinessSaysSo() {
        stack.register("unloadable", TestModels.penguinsClassifier(8, 40, 8));
        stack.register("unloadable", TestModels.penguinsClassifier(9, 40, 8));
        stack.alias("unloadable", "production", 1);
        stack.awaitServed("unloadable", 1);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, String> p = infrastructure.properties();
        ObjectStore store = new ObjectStore(new StorageProperties(p.get("MODELWAY_S3_ENDPOINT"),
                p.get("MODELWAY_S3_ACCESS_KEY"), p.get("MODELWAY_S3_SECRET_KEY"), p.get("MODELWAY_S3_BUCKET"), null));
        store.put("models/unloadable/v2/model.zip", new byte[] {1, 2, 3}, "application/octet-stream");

        stack.alias("unloadable", "production", 2);

        Http.Response ready = Await.until("readiness to report the failed load", Duration.ofSeconds(30),
                () -> stack.serving.get("/readyz"), r -> r.body().contains("DEGRADED"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(stack.predict("unloadable", List.of(ServingStack.gentoo())).json().get("version").asInt()).isEqualTo(1);

        stack.alias("unloadable", "production", 1);
        Await.until("readiness to recover", Duration.ofSeconds(30), () -> stack.serving.get("/readyz"),
                r -> r.body().contains("\"UP\""));
    }
}
