package io.modelway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A person without a session is sent to log in; a script without credentials gets a 401; the console learns who is
 * using it and their roles; an API key does not pass through the console to the services.
 */
@ServiceFlowTest
class DashboardAccessTests {

    @Autowired
    RouteTable routes;

    @LocalServerPort
    int port;

    @Test
    void aPersonIsSentToLogInAndAScriptIsRefused() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/modelway");
        Http.Response api = Http.local(port).get("/api/overview");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tellsTheConsoleWhoIsUsingItAndTheirRoles() {
        JsonNode me = Http.local(port).as(TestIssuer.get().token("olga", Role.OPS)).get("/api/console/me").json();
        assertThat(me.get("name").asString()).isEqualTo("olga");
        assertThat(me.get("roles").toString()).isEqualTo("[\"client\",\"engineer\",\"ops\",\"viewer\"]");
        assertThat(me.get("session").asBoolean()).isFalse();
    }

    @Test
    void anApiKeyDoesNotPassThroughTheConsole() {
        String key = TestIssuer.get().apiKey("console-key", List.of(Role.VIEWER), List.of());
        Http.Response refused = Http.local(port).as(key).get("/api/console/registry/api/models");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("API key");
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(port, routes,
                role -> role == null ? TestIssuer.get().token("nobody") : TestIssuer.tokenOf(role));
        table.forEach(System.out::println);
        assertThat(table).contains("GET /api/overview -> viewer (401 without credentials, 403 as client)");
    }
}
