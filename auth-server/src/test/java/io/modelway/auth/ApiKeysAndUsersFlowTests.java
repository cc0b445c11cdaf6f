package io.modelway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.client.ClientCredentials;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.BrowserLogin;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.ServiceStarter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The issuer's own API: admins create, list and revoke API keys (the key shown once, stored hashed) and manage
 * users; services introspect keys as their client; every route refuses callers without credentials (401) and
 * without the role (403, naming it).
 */
class ApiKeysAndUsersFlowTests {

    static int port;
    static ConfigurableApplicationContext issuer;

    @BeforeAll
    static void start() {
        port = ServiceStarter.freePort();
        issuer = IssuerStarter.start(port, "auth_api_flow");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    static String tokenOf(Role role) {
        String client = role == null ? "training-service" : "demo-" + role.wire();
        String secret = role == null ? IssuerStarter.TRAINING_SECRET : IssuerStarter.DEMO_PASSWORD;
        return ClientCredentials.of(URI.create("http://127.0.0.1:" + port + "/oauth2/token"), client, secret).get();
    }

    @Test
    void createsShowsOnceListsIntrospectsAndRevokesAnApiKey() {
        Http admin = Http.local(port).as(tokenOf(Role.ADMIN));
        Http.Response created = admin.postJson("/api/api-keys", Map.of("name", "shop", "roles", List.of("client"),
                "models", List.of("penguins")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        String secret = key.get("key").asString();
        assertThat(secret).startsWith("mw_").hasSizeGreaterThan(40);
        assertThat(key.get("createdBy").asString()).isEqualTo("demo-admin");
        assertThat(created.header("Location")).isEqualTo("/api/api-keys/" + key.get("id").asString());

        Http.Response listed = admin.get("/api/api-keys");
        assertThat(listed.body()).contains(key.get("id").asString()).doesNotContain(secret);
        assertThat(listed.header("X-Total-Count")).isNotNull();

        Http service = Http.local(port).withHeader("Authorization",
                BrowserLogin.basic("training-service", IssuerStarter.TRAINING_SECRET));
        JsonNode active = service.post("/api/api-keys/introspect", "application/x-www-form-urlencoded",
                ("token=" + secret).getBytes()).json();
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("name").asString()).isEqualTo("shop");
        assertThat(active.get("models").toString()).isEqualTo("[\"penguins\"]");
        assertThat(active.get("roles").toString()).isEqualTo("[\"client\"]");

        Http.Response wrongSecret = Http.local(port).withHeader("Authorization",
                BrowserLogin.basic("training-service", "guess")).post("/api/api-keys/introspect",
                "application/x-www-form-urlencoded", ("token=" + secret).getBytes());
        assertThat(wrongSecret.status()).isEqualTo(401);

        assertThat(admin.delete("/api/api-keys/" + key.get("id").asString()).status()).isEqualTo(204);
        JsonNode revoked = service.post("/api/api-keys/introspect", "application/x-www-form-urlencoded",
                ("token=" + secret).getBytes()).json();
        assertThat(revoked.get("active").asBoolean()).isFalse();
        assertThat(revoked.has("name") && !revoked.get("name").isNull()).as("an inactive key says nothing more").isFalse();
        assertThat(admin.get("/api/api-keys/" + key.get("id").asString()).json().get("revokedBy").asString())
                .isEqualTo("demo-admin");
        assertThat(admin.delete("/api/api-keys/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void anAdminApiKeyActsAsItsOwnName() {
        Http admin = Http.local(port).as(tokenOf(Role.ADMIN));
        String secret = admin.postJson("/api/api-keys", Map.of("name", "automation", "roles", List.of("admin")))
                .json().get("key").asString();
        Http.Response byKey = Http.local(port).withHeader("X-API-Key", secret).postJson("/api/api-keys",
                Map.of("name", "made-by-a-key", "roles", List.of("viewer")));
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(201);
        assertThat(byKey.json().get("createdBy").asString()).isEqualTo("api-key:automation");
    }

    @Test
    void refusesBadApiKeyRequestsNamingTheField() {
        Http admin = Http.local(port).as(tokenOf(Role.ADMIN));
        Map<String, Map<String, Object>> bad = Map.of(
                "name", Map.of("roles", List.of("client")),
                "roles", Map.of("name", "x"),
                "roles[1]", Map.of("name", "x", "roles", List.of("client", "superuser")),
                "models[0]", Map.of("name", "x", "roles", List.of("client"), "models", List.of("../etc")),
                "expiresAt", Map.of("name", "x", "roles", List.of("client"), "expiresAt", Instant.now().minusSeconds(5)));
        bad.forEach((field, body) -> {
            Http.Response answer = admin.postJson("/api/api-keys", body);
            assertThat(answer.status()).as(field + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).isEqualTo(field);
        });
    }

    @Test
    void managesUsersWhoThenLogIn() {
        Http admin = Http.local(port).as(tokenOf(Role.ADMIN));
        Http.Response created = admin.postJson("/api/users", Map.of("username", "dana", "password", "a-long-password-1",
                "roles", List.of("engineer")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("a-long-password-1");
        assertThat(admin.postJson("/api/users", Map.of("username", "dana", "password", "a-long-password-1",
                "roles", List.of("engineer"))).status()).isEqualTo(409);
        assertThat(admin.postJson("/api/users", Map.of("username", "eve", "password", "short", "roles",
                List.of("engineer"))).json().get("field").asString()).isEqualTo("password");

        JsonNode tokens = new BrowserLogin("http://127.0.0.1:" + port).login("dashboard", IssuerStarter.DASHBOARD_SECRET,
                IssuerStarter.CONSOLE + "/login/oauth2/code/modelway", "dana", "a-long-password-1");
        assertThat(tokens.has("access_token")).isTrue();

        JsonNode updated = admin.putJson("/api/users/dana", Map.of("roles", List.of("ops"))).json();
        assertThat(updated.get("roles").toString()).isEqualTo("[\"ops\"]");
        assertThat(admin.delete("/api/users/dana").status()).isEqualTo(204);
        assertThat(admin.get("/api/users/dana").status()).isEqualTo(404);
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(port, issuer.getBean(RouteTable.class), ApiKeysAndUsersFlowTests::tokenOf);
        table.forEach(System.out::println);
        assertThat(table).anyMatch(r -> r.startsWith("POST /api/api-keys -> admin"));
    }
}
