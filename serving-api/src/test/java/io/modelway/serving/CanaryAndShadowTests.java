package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.PredictionLogged;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A weighted canary and a shadow version, both set by model tags in the registry. */
class CanaryAndShadowTests {

    static ServingStack stack;

    @BeforeAll
    static void stack() {
        stack = ServingStack.get();
    }

    @Test
    void canaryAnswersItsShareOfRequests() {
        stack.register("canary", TestModels.penguinsClassifier(10, 40, 8));
        stack.register("canary", TestModels.penguinsClassifier(11, 40, 8));
        stack.alias("canary", "production", 1);
        stack.alias("canary", "challenger", 2);
        stack.awaitServed("canary", 1);
        stack.tag("canary", "serving.canary", "challenger:30");
        Await.until("the canary to take requests", Duration.ofSeconds(30),
                () -> stack.predict("canary", List.of(ServingStack.gentoo())).json(),
                r -> r.get("servedAs").asString().equals("canary"));

        int canary = 0;
        for (int i = 0; i < 400; i++) {
            JsonNode answer = stack.predict("canary", List.of(ServingStack.gentoo())).json();
            if (answer.get("version").asInt() == 2) {
                canary++;
                assertThat(answer.get("servedAs").asString()).isEqualTo("canary");
            } else {
                assertThat(answer.get("servedAs").asString()).isEqualTo("primary");
            }
        }
        // 30% of 400 is 120; the bounds are more than five standard deviations (9.2) away.
        assertThat(canary).isBetween(70, 170);

        stack.tag("canary", "serving.canary", null);
        Await.until("the canary to stop", Duration.ofSeconds(30), () -> {
            int v2 = 0;
            for (int i = 0; i < 30; i++) {
                v2 += stack.predict("canary", List.of(ServingStack.gentoo())).json().get("version").asInt() == 2 ? 1 : 0;
            }
            return v2;
        }, v2 -> v2 == 0);
    }

    @Test
    void shadowScoresEveryRequestIsComparedAndIsNeverReturned() {
        stack.register("shadowed", TestModels.penguinsClassifier(12, 80, 16));
        stack.register("shadowed", TestModels.penguinsClassifier(13, 1, 2));
        stack.alias("shadowed", "production", 1);
        stack.alias("shadowed", "challenger", 2);
        stack.tag("shadowed", "serving.shadow", "challenger");
        Await.until("the shadow to score", Duration.ofSeconds(30), () -> {
            stack.predict("shadowed", List.of(ServingStack.gentoo()));
            return stack.servingMetrics.metric("modelway_shadow_comparisons_total", Map.of("model", "shadowed"));
        }, m -> m.isPresent() && m.getAsDouble() > 0);
        double before = stack.servingMetrics.metric("modelway_shadow_comparisons_total", Map.of("model", "shadowed"))
                .orElseThrow();

        List<Map<String, Object>> batch = new ArrayList<>();
        for (Map<String, String> row : TestModels.penguins().subList(0, 40)) {
            Map<String, Object> instance = new HashMap<>(row);
            instance.remove("Species");
            batch.add(instance);
        }
        JsonNode answer = stack.predict("shadowed", batch).json();

        assertThat(answer.get("version").asInt()).isEqualTo(1);
        assertThat(answer.get("servedAs").asString()).isEqualTo("primary");
        String requestId = answer.get("requestId").asString();
        List<PredictionLogged> logged = EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.predictions",
                PredictionLogged.class, e -> e.requestId().equals(requestId), 2, Duration.ofSeconds(20));
        assertThat(logged).extracting(PredictionLogged::role, PredictionLogged::version)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("primary", 1),
                        org.assertj.core.groups.Tuple.tuple("shadow", 2));
        Await.until("the 40 comparisons to be counted", Duration.ofSeconds(20),
                () -> stack.servingMetrics.metric("modelway_shadow_comparisons_total", Map.of("model", "shadowed")).orElseThrow(),
                total -> total >= before + 40);
        // A one-epoch, two-unit network disagrees with a trained one on part of the penguins.
        assertThat(stack.servingMetrics.metric("modelway_shadow_comparisons_total",
                Map.of("model", "shadowed", "outcome", "disagreed")).orElseThrow()).isPositive();
        assertThat(stack.servingMetrics.metric("modelway_shadow_agreement_rate", Map.of("model", "shadowed")).orElseThrow())
                .isBetween(0.0, 1.0);
        assertThat(stack.servingMetrics.metric("modelway_shadow_latency_delta_seconds", Map.of("model", "shadowed")))
                .isPresent();
    }
}
