package io.modelway.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's gateway: reads and the console's own actions reach the service unchanged (status, body,
 * paging header) with the caller's own token, so the service decides; anything else, an unknown service, a path
 * that climbs out of the API and a service that does not answer get a problem naming the field.
 */
@ServiceFlowTest
class ConsoleGatewayFlowTests {

    /** A stand-in for the registry and ingest services: records each request and answers by path. */
    static final HttpServer SERVICE = start();
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final String CALLER = TestIssuer.get().token("carla", Role.ENGINEER);

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ConsoleGatewayFlowTests::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // The dashboard's own reads (drift profiles of models other tests predicted with) carry its own token.
        if (("Bearer " + CALLER).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            RECEIVED.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " as=caller type="
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
        }
        boolean conflict = exchange.getRequestMethod().equals("PUT");
        exchange.getResponseHeaders().set("Location", "/api/somewhere");
        byte[] answer = (conflict ? "{\"status\":409,\"detail\":\"revision moved\",\"field\":\"expectedRevision\"}"
                : "[{\"name\":\"penguins\"}]").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", conflict ? "application/problem+json" : "application/json");
        exchange.getResponseHeaders().set("X-Total-Count", "7");
        exchange.getResponseHeaders().set("Set-Cookie", "session=leaked");
        exchange.sendResponseHeaders(conflict ? 409 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        String standIn = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("modelway.dashboard.services.ingest", () -> standIn);
        registry.add("modelway.dashboard.services.registry", () -> standIn);
        registry.add("modelway.dashboard.services.training", () -> "http://127.0.0.1:" + closed);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    Http http;
    String base;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(CALLER);
        base = "http://127.0.0.1:" + port;
        RECEIVED.clear();
    }

    @Test
    void forwardsReadsWithTheirQueryStatusBodyAndPagingHeader() {
        Http.Response datasets = http.get("/api/console/ingest/api/datasets?limit=2&offset=4");

        assertThat(datasets.status()).isEqualTo(200);
        assertThat(datasets.json().get(0).get("name").asString()).isEqualTo("penguins");
        assertThat(datasets.header("X-Total-Count")).isEqualTo("7");
        assertThat(datasets.header("Set-Cookie")).as("only the API's own headers pass").isNull();
        assertThat(RECEIVED).singleElement().asString().startsWith("GET /api/datasets?limit=2&offset=4 as=caller");
    }

    private Http.Response consoleAction(String method, String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header(ConsoleGateway.CONSOLE_HEADER, "1").method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void forwardsAPromotionAndPassesTheServicesProblemThrough() {
        Http.Response moved = consoleAction("PUT", "/api/console/registry/api/models/penguins/aliases/production",
                "{\"version\":3,\"expectedRevision\":1}");

        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.contentType()).startsWith("application/problem+json");
        assertThat(moved.json().get("field").asString()).isEqualTo("expectedRevision");
        assertThat(RECEIVED).singleElement().asString()
                .startsWith("PUT /api/models/penguins/aliases/production as=caller type=application/json")
                .contains("\"version\":3");
    }

    @Test
    void forwardsARollbackWithoutBodyAndKeepsTheServicesLocationToItself() {
        Http.Response rolledBack = consoleAction("POST", "/api/console/registry/api/models/penguins/aliases/production/rollback", "");

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.header("Location")).as("a service's path means nothing on the dashboard").isNull();
        assertThat(RECEIVED).singleElement().asString()
                .startsWith("POST /api/models/penguins/aliases/production/rollback as=caller");
    }

    @Test
    void refusesActionsNotSentByTheConsoleItself() {
        // What a form on another site can send: no custom header.
        Http.Response rollback = http.post("/api/console/registry/api/models/penguins/aliases/production/rollback",
                "application/x-www-form-urlencoded", new byte[0]);

        assertThat(rollback.status()).isEqualTo(403);
        assertThat(rollback.json().get("field").asString()).isEqualTo(ConsoleGateway.CONSOLE_HEADER);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void refusesWritesThatAreNotConsoleActions() {
        Http.Response register = consoleAction("POST", "/api/console/registry/api/models/penguins/versions", "{}");
        Http.Response upload = consoleAction("POST", "/api/console/ingest/api/datasets/penguins/uploads", "a\n1\n");

        for (Http.Response refused : List.of(register, upload)) {
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asString()).isEqualTo("path");
        }
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void namesAnUnknownServiceAndAPathThatLeavesTheApi() {
        Http.Response unknown = http.get("/api/console/billing/api/invoices");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asString()).isEqualTo("service");
        assertThat(unknown.json().get("detail").asString()).contains("billing", "registry");

        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void refusesPathsThatLeaveTheServicesApiOrItsAddress() {
        int standIn = SERVICE.getAddress().getPort();
        for (String path : List.of("/api/console/registry/api/%2e%2e/actuator/env",
                "/api/console/registry/api/..;/actuator/env",
                "/api/console/registry;@127.0.0.1:" + standIn + "/api/models",
                "/api/console/%72egistry/api/models",
                "/api/console/registry/api//models")) {
            Http.Response refused = http.get(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asString()).as(path).isEqualTo("path");
        }
        // An encoded slash is refused by the server before any handler runs.
        assertThat(http.get("/api/console/registry/api/models/x%2F..%2F..%2Factuator").status()).isEqualTo(400);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void answersBadGatewayNamingTheServiceThatDoesNotAnswer() {
        Http.Response down = http.get("/api/console/training/api/training-runs");

        assertThat(down.status()).isEqualTo(502);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.json().get("field").asString()).isEqualTo("service");
        assertThat(down.json().get("detail").asString()).startsWith("training did not answer at http://127.0.0.1:");
    }
}
