package io.modelway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.Samples;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Engineers bring data, everyone with a role reads it, and each version says who uploaded it. */
@ServiceFlowTest
class IngestAccessTests {

    @Autowired
    RouteTable routes;

    @LocalServerPort
    int port;

    @Test
    void uploadsAreForEngineersAndRecordTheirUploader() {
        Http viewer = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER));
        Http.Response refused = viewer.post("/api/datasets/access-penguins/uploads", "text/csv",
                Samples.bytes("penguins.csv"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("role").asString()).isEqualTo("engineer");
        assertThat(Http.local(port).post("/api/datasets/access-penguins/uploads", "text/csv",
                Samples.bytes("penguins.csv")).status()).isEqualTo(401);

        Http engineer = Http.local(port).as(TestIssuer.get().token("erin", Role.ENGINEER));
        Http.Response upload = engineer.withHeader("X-Modelway-Actor", "mallory")
                .post("/api/datasets/access-penguins/uploads", "text/csv", Samples.bytes("penguins.csv"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.json().get("createdBy").asString()).isEqualTo("erin");
        assertThat(viewer.get("/api/datasets/access-penguins/versions/1").json().get("createdBy").asString())
                .isEqualTo("erin");

        String key = TestIssuer.get().apiKey("loader", List.of(Role.ENGINEER), List.of());
        Http.Response byKey = Http.local(port).withHeader("X-API-Key", key).post(
                "/api/datasets/access-by-key/uploads", "text/csv", Samples.bytes("penguins.csv"));
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(201);
        assertThat(byKey.json().get("createdBy").asString()).isEqualTo("api-key:loader");
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(port, routes,
                role -> role == null ? TestIssuer.get().token("nobody") : TestIssuer.tokenOf(role));
        table.forEach(System.out::println);
        assertThat(table).contains("POST /api/datasets/walk-dataset/uploads -> engineer (401 without credentials, "
                + "403 as client)");
    }
}
