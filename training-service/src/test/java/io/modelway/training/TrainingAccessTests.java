package io.modelway.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Engineers write specs and start runs, everyone with a role watches them, and both say who acted. */
@ServiceFlowTest(properties = "MODELWAY_REGISTRY_URL=http://127.0.0.1:9")
class TrainingAccessTests {

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        IngestForTests.register(registry);
    }

    @Autowired
    RouteTable routes;

    @LocalServerPort
    int port;

    @Test
    void specsAndRunsAreWrittenByEngineersAndSayWho() {
        Http viewer = Http.local(port).as(TestIssuer.tokenOf(Role.VIEWER));
        Http engineer = Http.local(port).as(TestIssuer.get().token("erin", Role.ENGINEER));
        IngestForTests.upload("access-penguins", "Species,Island\nAdelie,Dream\nGentoo,Biscoe\n");
        Map<String, Object> spec = Map.of("dataset", "access-penguins", "label", "Species", "type", "classifier");
        Http.Response refused = viewer.putJson("/api/training-specs/access-model", spec);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("role").asString()).isEqualTo("engineer");

        JsonNode written = engineer.putJson("/api/training-specs/access-model", spec).json();
        assertThat(written.get("updatedBy").asString()).isEqualTo("erin");
        assertThat(viewer.get("/api/training-specs/access-model").json().get("updatedBy").asString()).isEqualTo("erin");

        assertThat(viewer.postJson("/api/training-runs", Map.of("model", "access-model")).status()).isEqualTo(403);
        String runId = engineer.withHeader("X-Modelway-Actor", "mallory")
                .postJson("/api/training-runs", Map.of("model", "access-model")).json().get("runId").asString();
        assertThat(viewer.get("/api/training-runs/" + runId).json().get("requestedBy").asString()).isEqualTo("erin");
    }

    @Test
    void everyRouteNeedsItsRole() {
        List<String> table = RouteWalk.check(port, routes,
                role -> role == null ? TestIssuer.get().token("nobody") : TestIssuer.tokenOf(role));
        table.forEach(System.out::println);
        assertThat(table).contains("POST /api/training-runs -> engineer (401 without credentials, 403 as client)");
    }
}
