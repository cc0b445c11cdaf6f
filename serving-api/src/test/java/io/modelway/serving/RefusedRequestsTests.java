package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every prediction request that is refused is counted in {@code modelway_predict_errors_total}, on every protocol
 * and whatever refused it: the security filters, the body reader, the model's input checks, routing.
 */
class RefusedRequestsTests {

    static ServingStack stack;
    static Http anonymous;
    static Http viewer;

    @BeforeAll
    static void stack() {
        stack = ServingStack.get();
        stack.alias("refused", "production", stack.register("refused", TestModels.penguinsClassifier(31, 30, 8)));
        stack.awaitServed("refused", 1);
        anonymous = Http.local(ServingStack.port(stack.servingContext));
        viewer = anonymous.as(TestIssuer.tokenOf(Role.VIEWER));
    }

    private record Refusal(String protocol, String model, String type, int status, Supplier<Http.Response> call) {
    }

    @Test
    void everyRefusedRequestIsCountedWithItsProtocolAndWhy() {
        Map<String, Object> modelway = Map.of("instances", List.of(ServingStack.gentoo()));
        Map<String, Object> v2 = Map.of("inputs", List.of(Map.of("name", "Island", "datatype", "BYTES", "shape",
                List.of(1), "data", List.of("Biscoe"))));
        Map<String, Object> mlflow = Map.of("dataframe_records", List.of(ServingStack.gentoo()));
        byte[] broken = "{not json".getBytes(StandardCharsets.UTF_8);
        String served = "refused";
        String unknown = "(not served)";
        List<Refusal> refusals = List.of(
                new Refusal("modelway", served, "unauthenticated", 401,
                        () -> anonymous.postJson("/api/models/refused/predict", modelway)),
                new Refusal("modelway", served, "forbidden", 403,
                        () -> viewer.postJson("/api/models/refused/predict", modelway)),
                new Refusal("modelway", served, "invalid_input", 400,
                        () -> stack.serving.post("/api/models/refused/predict", "application/json", broken)),
                new Refusal("modelway", unknown, "not_found", 404,
                        () -> stack.serving.postJson("/api/models/made-up-name/predict", modelway)),
                new Refusal("v2", served, "unauthenticated", 401,
                        () -> anonymous.postJson("/v2/models/refused/infer", v2)),
                new Refusal("v2", served, "invalid_input", 400,
                        () -> stack.serving.post("/v2/models/refused/infer", "application/json", broken)),
                new Refusal("v2", served, "invalid_input", 400,
                        () -> stack.serving.postJson("/v2/models/refused/infer", v2)),
                new Refusal("mlflow", served, "forbidden", 403,
                        () -> viewer.postJson("/invocations?model=refused", mlflow)),
                new Refusal("mlflow", served, "invalid_input", 400,
                        () -> stack.serving.post("/invocations?model=refused", "application/json", broken)),
                new Refusal("mlflow", served, "unsupported_request", 415,
                        () -> stack.serving.post("/invocations?model=refused", "text/plain", broken)));

        for (Refusal refusal : refusals) {
            Map<String, String> labels = Map.of("model", refusal.model(), "type", refusal.type(),
                    "protocol", refusal.protocol());
            double before = stack.servingMetrics.metric("modelway_predict_errors_total", labels).orElse(0);
            Http.Response response = refusal.call().get();
            assertThat(response.status()).as(refusal + ": " + response.body()).isEqualTo(refusal.status());
            Await.until(refusal + " to be counted", Duration.ofSeconds(5),
                    () -> stack.servingMetrics.metric("modelway_predict_errors_total", labels).orElse(0),
                    after -> after == before + 1);
        }
    }
}
