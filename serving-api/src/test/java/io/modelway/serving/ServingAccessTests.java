package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.TestIssuer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client apps predict with a token or an API key, on all three protocols; a key limited to models reaches no other
 * model, and a revoked key is refused within 10 seconds. Readers see metadata but do not predict.
 */
class ServingAccessTests {

    static ServingStack stack;
    static Http anonymous;

    @BeforeAll
    static void serve() {
        stack = ServingStack.get();
        for (String model : List.of("keyed-a", "keyed-b")) {
            stack.alias(model, "production", stack.register(model, TestModels.penguinsClassifier(21, 40, 8)));
            stack.awaitServed(model, 1);
        }
        anonymous = Http.local(ServingStack.port(stack.servingContext));
    }

    private static Map<String, Object> instances() {
        return Map.of("instances", List.of(ServingStack.gentoo()));
    }

    private static Map<String, Object> tensors() {
        Map<String, Object> gentoo = ServingStack.gentoo();
        return Map.of("inputs", gentoo.entrySet().stream().map(e -> Map.of("name", e.getKey(), "shape", List.of(1),
                "datatype", e.getValue() instanceof String ? "BYTES" : "FP64", "data", List.of(e.getValue()))).toList());
    }

    @Test
    void predictingNeedsTheClientRole() {
        Http.Response none = anonymous.postJson("/api/models/keyed-a/predict", instances());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Http viewer = anonymous.as(TestIssuer.tokenOf(Role.VIEWER));
        Http.Response refused = viewer.postJson("/api/models/keyed-a/predict", instances());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("role").asString()).isEqualTo("client");
        assertThat(viewer.get("/v2/models/keyed-a").status()).as("readers see metadata").isEqualTo(200);

        Http client = anonymous.as(TestIssuer.tokenOf(Role.CLIENT));
        assertThat(client.postJson("/api/models/keyed-a/predict", instances()).status()).isEqualTo(200);
        assertThat(client.postJson("/v2/models/keyed-a/infer", tensors()).status()).isEqualTo(200);
        assertThat(client.postJson("/invocations?model=keyed-a", Map.of("dataframe_records",
                List.of(ServingStack.gentoo()))).status()).isEqualTo(200);
        for (String probe : List.of("/v2/health/live", "/v2/health/ready", "/livez", "/readyz", "/ping")) {
            assertThat(anonymous.get(probe).status()).as(probe).isEqualTo(200);
        }
    }

    @Test
    void aHeaderWithAControlCharacterIsAProblemThatDoesNotEchoIt() throws IOException {
        byte[] body = ModelwayJson.toBytes(instances());
        // Byte 0x85 is read as U+0085 (NEL), a control character, in the header that carries the caller's key.
        String head = "POST /api/models/keyed-a/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-API-Key: mw_secret\u0085value\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", ServingStack.port(stack.servingContext))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json", "\"field\":\"header\"")
                .doesNotContain("secret");
    }

    @Test
    void anApiKeyLimitedToAModelReachesOnlyThatModel() {
        String key = TestIssuer.get().apiKey("shop", List.of(Role.CLIENT), List.of("keyed-a"));
        Http bearer = anonymous.as(key);
        Http header = anonymous.withHeader("X-API-Key", key);
        Http.Response answered = bearer.postJson("/api/models/keyed-a/predict", instances());
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(header.postJson("/v2/models/keyed-a/infer", tensors()).status()).isEqualTo(200);
        assertThat(header.postJson("/invocations?model=keyed-a", Map.of("dataframe_records",
                List.of(ServingStack.gentoo()))).status()).isEqualTo(200);

        Http.Response other = bearer.postJson("/api/models/keyed-b/predict", instances());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("field").asString()).isEqualTo("model");
        assertThat(other.json().get("detail").asString()).contains("api-key:shop", "keyed-a", "keyed-b");
        assertThat(header.postJson("/v2/models/keyed-b/infer", tensors()).status()).isEqualTo(403);
        assertThat(header.get("/v2/models/keyed-b").status()).isEqualTo(403);
        assertThat(header.postJson("/invocations?model=keyed-b", Map.of("dataframe_records",
                List.of(ServingStack.gentoo()))).status()).isEqualTo(403);
        assertThat(header.postJson("/invocations", Map.of("dataframe_records", List.of(ServingStack.gentoo())))
                .status()).as("no model named").isEqualTo(403);

        String otherRequest = stack.predict("keyed-b", List.of(ServingStack.gentoo())).json().get("requestId").asString();
        Http.Response feedback = bearer.postJson("/api/feedback", Map.of("requestId", otherRequest, "label", "Gentoo"));
        assertThat(feedback.status()).isEqualTo(403);
        assertThat(bearer.postJson("/api/feedback", Map.of("requestId", answered.json().get("requestId").asString(),
                "label", "Gentoo")).status()).isEqualTo(202);
    }

    @Test
    void aRevokedKeyIsRefusedWithinTenSeconds() {
        String key = TestIssuer.get().apiKey("leaving", List.of(Role.CLIENT), List.of());
        Http client = anonymous.as(key);
        assertThat(client.postJson("/api/models/keyed-a/predict", instances()).status()).isEqualTo(200);
        TestIssuer.get().revoke(key);
        Instant revoked = Instant.now();
        Await.until("the revoked key to be refused", Duration.ofSeconds(10),
                () -> client.postJson("/api/models/keyed-a/predict", instances()).status(), status -> status == 401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(anonymous.as("mw_not-a-key-anyone-made").postJson("/api/models/keyed-a/predict", instances())
                .status()).isEqualTo(401);
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(ServingStack.port(stack.servingContext),
                stack.servingContext.getBean(RouteTable.class),
                role -> role == null ? TestIssuer.get().token("nobody") : TestIssuer.tokenOf(role));
        table.forEach(System.out::println);
        assertThat(table).contains("POST /api/models/walk-model/predict -> client (401 without credentials, 403 as viewer)",
                "GET /v2/health/live -> open");
    }
}
