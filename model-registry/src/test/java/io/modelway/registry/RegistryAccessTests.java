package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Who may change what serving answers: nobody without credentials, engineers only unprotected aliases and plain
 * tags, ops the production alias and {@code serving.*} tags, training-service by its scopes. Every change is
 * recorded under the caller's own name, whatever a header claims.
 */
@ServiceFlowTest
class RegistryAccessTests {

    @Autowired
    RouteTable routes;

    int port;
    Http ops;
    Http engineer;

    @BeforeEach
    void clients(@LocalServerPort int port) {
        this.port = port;
        ops = Http.local(port).as(TestIssuer.get().token("olga", Role.OPS));
        engineer = Http.local(port).as(TestIssuer.get().token("erin", Role.ENGINEER));
    }

    private void register(Http as, String model) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{}".getBytes(StandardCharsets.UTF_8));
        Http.Response registered = as.postMultipart("/api/models/" + model + "/versions", parts);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void hostilePathsGetAProblemNamingThePathNeverTheContainersPage() {
        for (String path : List.of("/api/models/a%2Fb", "/api/models/a%2fb/versions", "/api/models/a%5Cb",
                "/api/models/%2e%2e/aliases", "/api/models/a%00b", "/api/models/a;jsessionid=1", "/api/models/a%25%32%46b")) {
            Http.Response response = ops.get(path);
            assertThat(response.status()).as(path + ": " + response.body()).isBetween(400, 404);
            assertThat(response.contentType()).as(path + ": " + response.body()).startsWith("application/problem+json");
            if (response.status() == 400) {
                assertThat(response.json().path("field").asString()).as(path + ": " + response.body()).isEqualTo("path");
            }
        }
    }

    @Test
    void nobodyWithoutCredentialsMovesOrDeletesAnAlias() {
        register(ops, "guarded");
        Http anonymous = Http.local(port);
        Http.Response move = anonymous.putJson("/api/models/guarded/aliases/staging", Map.of("version", 1));
        assertThat(move.status()).isEqualTo(401);
        assertThat(move.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(move.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.delete("/api/models/guarded/aliases/production").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/models/guarded").status()).isEqualTo(401);
        assertThat(ops.get("/api/models/guarded/aliases/staging").status()).as("nothing moved").isEqualTo(404);

        Http.Response forged = anonymous.as(TestIssuer.get().token("olga", List.of(), Duration.ofMinutes(-5), Role.OPS))
                .putJson("/api/models/guarded/aliases/staging", Map.of("version", 1));
        assertThat(forged.status()).as("an expired token").isEqualTo(401);
        assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");
        Http.Response otherIssuer = anonymous.as(new TestIssuer("roles").token("olga", Role.OPS))
                .putJson("/api/models/guarded/aliases/staging", Map.of("version", 1));
        assertThat(otherIssuer.status()).as("a token this registry's issuer did not sign").isEqualTo(401);
    }

    @Test
    void engineersMovePlainAliasesAndOpsTheProtectedOnes() {
        register(ops, "promoted");
        assertThat(engineer.putJson("/api/models/promoted/aliases/staging", Map.of("version", 1)).status())
                .isEqualTo(200);
        Http.Response refused = engineer.putJson("/api/models/promoted/aliases/production", Map.of("version", 1));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("role").asString()).isEqualTo("ops or scope aliases.promote");
        assertThat(refused.json().get("detail").asString()).contains("erin");
        assertThat(engineer.delete("/api/models/promoted/aliases/production").status()).isEqualTo(403);
        assertThat(engineer.post("/api/models/promoted/aliases/production/rollback", null, new byte[0]).status())
                .isEqualTo(403);

        JsonNode moved = ops.putJson("/api/models/promoted/aliases/production", Map.of("version", 1)).json();
        assertThat(moved.get("updatedBy").asString()).isEqualTo("olga");
        JsonNode audit = ops.get("/api/models/promoted/audit?action=alias.moved").json();
        assertThat(audit.valueStream().map(e -> e.get("actor").asString())).containsExactly("olga", "erin");
    }

    @Test
    void servingTagsAreForOpsAndOtherTagsForEngineers() {
        register(ops, "tagged-access");
        ops.putJson("/api/models/tagged-access/aliases/challenger", Map.of("version", 1));
        assertThat(engineer.putJson("/api/models/tagged-access/tags/team", Map.of("value", "fraud")).status())
                .isEqualTo(200);
        Http.Response canary = engineer.putJson("/api/models/tagged-access/tags/serving.canary",
                Map.of("value", "challenger:10"));
        assertThat(canary.status()).isEqualTo(403);
        assertThat(canary.json().get("role").asString()).isEqualTo("ops");
        assertThat(ops.putJson("/api/models/tagged-access/tags/serving.canary", Map.of("value", "challenger:10"))
                .status()).isEqualTo(200);
        assertThat(engineer.delete("/api/models/tagged-access/tags/serving.canary").status()).isEqualTo(403);
    }

    @Test
    void trainingServiceRegistersAndPromotesByItsScopes() {
        Http training = Http.local(port).as(TestIssuer.get().token("training-service",
                List.of("models.register", "aliases.promote"), Duration.ofMinutes(5), Role.VIEWER));
        register(training, "by-training");
        JsonNode moved = training.putJson("/api/models/by-training/aliases/production", Map.of("version", 1)).json();
        assertThat(moved.get("updatedBy").asString()).isEqualTo("training-service");
        assertThat(training.delete("/api/models/by-training/aliases/production").status())
                .as("the gate moves aliases, it does not delete them").isEqualTo(403);
        Http.Response byEngineer = engineer.postMultipart("/api/models/by-engineer/versions", Map.of("metadata",
                "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(byEngineer.status()).as("registering by hand is for ops").isEqualTo(403);
    }

    @Test
    void theActorIsTheCallerNotAHeader() {
        register(ops, "actor-check");
        JsonNode moved = engineer.withHeader("X-Modelway-Actor", "mallory")
                .putJson("/api/models/actor-check/aliases/staging", Map.of("version", 1)).json();
        assertThat(moved.get("updatedBy").asString()).isEqualTo("erin");
        assertThat(ops.get("/api/models/actor-check/audit").json().valueStream().map(e -> e.get("actor").asString()))
                .containsExactly("erin", "olga").doesNotContain("mallory", "anonymous");
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(port, routes,
                role -> role == null ? TestIssuer.get().token("nobody") : TestIssuer.tokenOf(role));
        table.forEach(System.out::println);
        assertThat(table).contains(
                "PUT /api/models/walk-model/aliases/production -> ops or scope aliases.promote (401 without credentials, 403 as engineer)",
                "PUT /api/models/walk-model/aliases/staging -> engineer or scope aliases.promote (401 without credentials, 403 as client)");
    }
}
