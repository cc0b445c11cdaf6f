package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.FaultyLink;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A serving replica whose registry hangs or is not there yet: the registry calls have deadlines, model loading holds
 * no lock that requests wait on, and the three readiness answers agree with each other at every moment.
 */
class RegistryDeadlinesTests {

    static ServingStack stack;

    @BeforeAll
    static void stack() {
        stack = ServingStack.get();
    }

    /** The three readiness endpoints, which must give one answer. */
    private static int readiness(Http serving) {
        List<Integer> statuses = readinessStatuses(serving);
        assertThat(statuses.subList(1, 3)).as("/v2/health/ready and /ping beside /readyz " + statuses.get(0))
                .containsOnly(statuses.get(0));
        return statuses.get(0);
    }

    /** What /readyz, /v2/health/ready and /ping answer, called in that order. */
    private static List<Integer> readinessStatuses(Http serving) {
        return List.of(serving.get("/readyz").status(), serving.get("/v2/health/ready").status(),
                serving.get("/ping").status());
    }

    @Test
    void aRegistryThatAcceptsConnectionsAndNeverAnswersLeavesTheLastGoodVersionAnsweringAndReadinessDegraded()
            throws InterruptedException {
        stack.register("hung-registry", TestModels.penguinsClassifier(21, 40, 8));
        stack.register("hung-registry", TestModels.penguinsClassifier(22, 40, 8));
        stack.alias("hung-registry", "production", 1);
        try (FaultyLink link = FaultyLink.to(ServingStack.port(stack.registryContext), FaultyLink.Mode.PASS);
                ConfigurableApplicationContext replica = stack.anotherServing(Map.of(
                        "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + link.port(),
                        "MODELWAY_SERVING_REGISTRY_TIMEOUT", "1s",
                        "MODELWAY_SERVING_DOWNLOAD_TIMEOUT", "2s"))) {
            Http serving = Http.local(ServingStack.port(replica)).as(TestIssuer.tokenOf(Role.ENGINEER));
            Http management = Http.local(ServiceStarter.managementPort(replica));
            // Ready once every model the registry holds was reconciled, not at the first one.
            // All three answer 200 once it is ready; while it turns ready, three calls in a row may straddle the change.
            Await.until("the replica to be ready on all three endpoints", Duration.ofSeconds(60),
                    () -> readinessStatuses(serving), statuses -> statuses.equals(List.of(200, 200, 200)));
            assertThat(readiness(serving)).isEqualTo(200);
            assertThat(serving.get("/v2/models/hung-registry").status()).isEqualTo(200);

            ConcurrentLinkedQueue<Http.Response> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread client = new Thread(() -> {
                    while (running.get()) {
                        answers.add(serving.postJson("/api/models/hung-registry/predict",
                                Map.of("instances", List.of(ServingStack.gentoo()))));
                    }
                });
                client.start();
                clients.add(client);
            }

            link.mode(FaultyLink.Mode.HANG);
            long hung = System.nanoTime();
            stack.alias("hung-registry", "production", 2);
            Await.until("readiness to turn DEGRADED", Duration.ofSeconds(10), () -> serving.get("/readyz"),
                    r -> r.body().contains("DEGRADED"));
            double degradedAfter = (System.nanoTime() - hung) / 1e9;
            assertThat(readiness(serving)).isEqualTo(200);
            String reason = management.get("/actuator/health").body();
            assertThat(reason).contains("DEGRADED").contains("unreachable since");

            // A version nobody loaded yet needs the registry: its request ends at the deadline, as a 503 problem,
            // while the loaded version goes on answering on the other threads.
            long asked = System.nanoTime();
            Http.Response unloaded = serving.postJson("/api/models/hung-registry/versions/2/predict",
                    Map.of("instances", List.of(ServingStack.gentoo())));
            double unloadedAfter = (System.nanoTime() - asked) / 1e9;
            assertThat(unloaded.status()).as(unloaded.body()).isEqualTo(503);
            assertThat(unloaded.header("Retry-After")).isNotNull();
            assertThat(unloadedAfter).isLessThan(8.0);
            Thread.sleep(1500);
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            assertThat(answers).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("version").asInt()).isEqualTo(1);
            });
            System.out.printf("Registry hung: DEGRADED after %.1f s, a load of an unloaded version refused after %.1f s,"
                    + " %d predicts on the loaded version, all 200%n", degradedAfter, unloadedAfter, answers.size());

            link.mode(FaultyLink.Mode.PASS);
            Await.until("v2 to be served once the registry answers", Duration.ofSeconds(30),
                    () -> serving.get("/v2/models/hung-registry"),
                    r -> r.status() == 200 && r.json().get("versions").get(0).asString().equals("2"));
            Await.until("readiness to recover", Duration.ofSeconds(30), () -> serving.get("/readyz"),
                    r -> r.body().contains("\"UP\""));
        }
    }

    @Test
    void aReplicaStartedBeforeItsRegistryIsNotReadyAnywhereAndServesSoonAfterTheRegistryComesUp() {
        stack.register("late-registry", TestModels.penguinsClassifier(23, 40, 8));
        stack.alias("late-registry", "production", 1);
        try (FaultyLink link = FaultyLink.to(ServingStack.port(stack.registryContext), FaultyLink.Mode.DOWN);
                ConfigurableApplicationContext replica = stack.anotherServing(Map.of(
                        "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + link.port()))) {
            Http serving = Http.local(ServingStack.port(replica)).as(TestIssuer.tokenOf(Role.ENGINEER));
            for (int i = 0; i < 3; i++) {
                assertThat(readiness(serving)).isEqualTo(503);
                Await.pause(Duration.ofMillis(300));
            }
            assertThat(serving.get("/readyz").body()).contains("OUT_OF_SERVICE");

            link.mode(FaultyLink.Mode.PASS);
            long up = System.nanoTime();
            Await.until("the model to be served", Duration.ofSeconds(25), () -> serving.get("/v2/models/late-registry"),
                    r -> r.status() == 200);
            double servedAfter = (System.nanoTime() - up) / 1e9;
            System.out.printf("Registry up %.1f s before the replica served its model (resync interval 30 s)%n",
                    servedAfter);
            // The retry, not the 30 s resync, brought it: well within the interval.
            assertThat(servedAfter).isLessThan(10.0);
            // All three answer 200 once it is ready; while it turns ready, three calls in a row may straddle the change.
            Await.until("the replica to be ready on all three endpoints", Duration.ofSeconds(60),
                    () -> readinessStatuses(serving), statuses -> statuses.equals(List.of(200, 200, 200)));
            assertThat(readiness(serving)).isEqualTo(200);
        }
    }

}
