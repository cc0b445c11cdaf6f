package io.modelway.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's gateway: reads and the console's own actions reach the service unchanged (status, body,
 * paging header, the actor recorded as {@code console}); anything else, an unknown service, a path that
 * climbs out of the API and a service that does not answer get a problem naming the field.
 */
@ServiceFlowTest
class ConsoleGatewayFlowTests {

    /** A stand-in for the registry and ingest services: records each request and answers by path. */
    static final HttpServer SERVICE = start();
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

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
        RECEIVED.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " actor="
                + exchange.getRequestHeaders().getFirst("X-Modelway-Actor") + " type="
                + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
        boolean conflict = exchange.getRequestMethod().equals("PUT");
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

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port);
        RECEIVED.clear();
    }

    @Test
    void forwardsReadsWithTheirQueryStatusBodyAndPagingHeader() {
        Http.Response datasets = http.get("/api/console/ingest/api/datasets?limit=2&offset=4");

        assertThat(datasets.status()).isEqualTo(200);
        assertThat(datasets.json().get(0).get("name").asString()).isEqualTo("penguins");
        assertThat(datasets.header("X-Total-Count")).isEqualTo("7");
        assertThat(datasets.header("Set-Cookie")).as("only the API's own headers pass").isNull();
        assertThat(RECEIVED).singleElement().asString().startsWith("GET /api/datasets?limit=2&offset=4 actor=console");
    }

    @Test
    void forwardsAPromotionAndPassesTheServicesProblemThrough() {
        Http.Response moved = http.putJson("/api/console/registry/api/models/penguins/aliases/production",
                Map.of("version", 3, "expectedRevision", 1));

        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.contentType()).startsWith("application/problem+json");
        assertThat(moved.json().get("field").asString()).isEqualTo("expectedRevision");
        assertThat(RECEIVED).singleElement().asString()
                .startsWith("PUT /api/models/penguins/aliases/production actor=console type=application/json")
                .contains("\"version\":3");
    }

    @Test
    void refusesWritesThatAreNotConsoleActions() {
        Http.Response register = http.post("/api/console/registry/api/models/penguins/versions", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        Http.Response upload = http.post("/api/console/ingest/api/datasets/penguins/uploads", "text/csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8));

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

        Http.Response climbing = http.get("/api/console/registry/api/%2e%2e/actuator/env");
        assertThat(climbing.status()).isBetween(400, 404);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void answersBadGatewayNamingTheServiceThatDoesNotAnswer() {
        Http.Response down = http.get("/api/console/training/api/training-runs");

        assertThat(down.status()).isEqualTo(502);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.json().get("field").asString()).isEqualTo("service");
        assertThat(down.json().get("detail").asString()).startsWith("training did not answer");
    }
}
