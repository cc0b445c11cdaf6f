package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.ModelAliasChanged;
import io.modelway.core.events.ModelVersionRegistered;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The registry's HTTP API against real PostgreSQL, S3Proxy and Kafka. */
@ServiceFlowTest
class RegistryFlowTests {

    @Autowired
    ObjectStore store;

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.OPS));
    }

    private JsonNode register(String model, String weights) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", """
                {"runId":"6f1c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f","modelType":"classifier","dataset":"penguins",
                 "datasetVersion":1,"metrics":{"accuracy":0.99}}""".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", weights.getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
        Http.Response response = http.postMultipart("/api/models/" + model + "/versions", parts);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void registersNumberedVersionsWithCheckedArtifactsAndAnnouncesThem() {
        JsonNode first = register("reg-flow", "weights-1");
        JsonNode second = register("reg-flow", "weights-2");

        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(first.get("metrics").get("accuracy").asDouble()).isEqualTo(0.99);
        Http.Response artifact = http.get("/api/models/reg-flow/versions/2/artifacts/model.zip");
        assertThat(artifact.body()).isEqualTo("weights-2");
        assertThat(store.get("models/reg-flow/v2/model.zip")).isEqualTo("weights-2".getBytes(StandardCharsets.UTF_8));
        String manifest = http.get("/api/models/reg-flow/versions/2/artifacts/manifest.json").body();
        assertThat(manifest).contains(Sha256.of("weights-2".getBytes(StandardCharsets.UTF_8)));

        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.models",
                ModelVersionRegistered.class, e -> e.model().equals("reg-flow"), 2, Duration.ofSeconds(20)))
                .extracting(ModelVersionRegistered::version).containsExactly(1, 2);
    }

    @Test
    void aliasMovesAreAuditedAnnouncedAndGuardedAgainstConcurrentMoves() {
        register("alias-flow", "a");
        register("alias-flow", "b");

        JsonNode moved = http.putJson("/api/models/alias-flow/aliases/production", Map.of("version", 1)).json();
        assertThat(moved.get("version").asInt()).isEqualTo(1);
        long revision = moved.get("revision").asLong();
        JsonNode again = http.putJson("/api/models/alias-flow/aliases/production",
                Map.of("version", 2, "expectedRevision", revision)).json();
        assertThat(again.get("version").asInt()).isEqualTo(2);

        Http.Response stale = http.putJson("/api/models/alias-flow/aliases/production",
                Map.of("version", 1, "expectedRevision", revision));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(http.get("/api/models/alias-flow/aliases/production").json().get("version").asInt()).isEqualTo(2);

        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.models", ModelAliasChanged.class,
                e -> e.model().equals("alias-flow"), 2, Duration.ofSeconds(20)))
                .extracting(ModelAliasChanged::version, ModelAliasChanged::previousVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null), org.assertj.core.groups.Tuple.tuple(2, 1));
        JsonNode audit = http.get("/api/models/alias-flow/audit").json();
        assertThat(audit.get(0).get("action").asString()).isEqualTo("alias.moved");
        assertThat(audit.get(0).get("detail").get("previousVersion").asInt()).isEqualTo(1);
    }

    @Test
    void rollbackReturnsTheAliasToItsPreviousVersionInOneCall() {
        register("rollback-flow", "w1");
        register("rollback-flow", "w2");
        register("rollback-flow", "w3");
        http.putJson("/api/models/rollback-flow/aliases/production", Map.of("version", 1));
        http.putJson("/api/models/rollback-flow/aliases/production", Map.of("version", 3, "reason", "hotfix for drift"));

        Http.Response rolledBack = http.post("/api/models/rollback-flow/aliases/production/rollback", null, new byte[0]);

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asInt()).isEqualTo(1);
        JsonNode history = http.get("/api/models/rollback-flow/aliases/production/history").json();
        assertThat(history.valueStream().map(m -> m.get("version").asInt() + " "
                + (m.get("reason").isNull() ? "-" : m.get("reason").asString())))
                .containsExactly("1 rollback from version 3", "3 hotfix for drift", "1 -");
        assertThat(http.get("/api/models/rollback-flow/audit").json().get(0).get("detail").get("reason").asString())
                .isEqualTo("rollback from version 3");
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.models", ModelAliasChanged.class,
                e -> e.model().equals("rollback-flow"), 3, Duration.ofSeconds(10)))
                .extracting(ModelAliasChanged::version).containsExactly(1, 3, 1);

        // A second rollback undoes the first.
        assertThat(http.post("/api/models/rollback-flow/aliases/production/rollback", null, new byte[0]).json()
                .get("version").asInt()).isEqualTo(3);
    }

    @Test
    void rollbackWithoutAnEarlierVersionIsAConflict() {
        register("rollback-none", "w1");
        http.putJson("/api/models/rollback-none/aliases/production", Map.of("version", 1));

        Http.Response response = http.post("/api/models/rollback-none/aliases/production/rollback", null, new byte[0]);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("no previous version");
        assertThat(http.post("/api/models/rollback-none/aliases/challenger/rollback", null, new byte[0]).status())
                .isEqualTo(404);
    }

    @Test
    void listsPageAndFilterWithTheirTotal() {
        for (int i = 1; i <= 3; i++) {
            register("paged", "w" + i);
        }
        http.putJson("/api/models/paged/aliases/production", Map.of("version", 2));

        Http.Response page = http.get("/api/models/paged/versions?limit=2&offset=1");
        assertThat(page.json().valueStream().map(v -> v.get("version").asInt())).containsExactly(2, 3);
        assertThat(page.header("X-Total-Count")).isEqualTo("3");
        assertThat(http.get("/api/models/paged/versions?dataset=penguins&datasetVersion=1").header("X-Total-Count"))
                .isEqualTo("3");
        assertThat(http.get("/api/models/paged/versions?dataset=other").json()).isEmpty();

        Http.Response moves = http.get("/api/models/paged/audit?action=alias.moved");
        assertThat(moves.json()).singleElement().satisfies(e -> assertThat(e.get("detail").get("version").asInt()).isEqualTo(2));
        assertThat(moves.header("X-Total-Count")).isEqualTo("1");

        http.putJson("/api/models/paged/aliases/production", Map.of("version", 3));
        Http.Response history = http.get("/api/models/paged/aliases/production/history?limit=1&offset=1");
        assertThat(history.json()).singleElement().satisfies(m -> assertThat(m.get("version").asInt()).isEqualTo(2));
        assertThat(history.header("X-Total-Count")).isEqualTo("2");
        Http.Response models = http.get("/api/models?limit=1");
        assertThat(models.json()).hasSize(1);
        assertThat(Integer.parseInt(models.header("X-Total-Count"))).isGreaterThanOrEqualTo(1);

        assertField(http.get("/api/models/paged/versions?limit=0"), 400, "limit");
        assertField(http.get("/api/models?limit=1001"), 400, "limit");
        assertField(http.get("/api/models/paged/aliases/production/history?offset=-1"), 400, "offset");
        assertField(http.get("/api/models/paged/audit?offset=-1"), 400, "offset");
    }

    @Test
    void tamperedArtifactIsRefusedAndAudited() {
        register("tamper", "original");
        store.put("models/tamper/v1/model.zip", "evil".getBytes(StandardCharsets.UTF_8), "application/octet-stream");

        Http.Response response = http.get("/api/models/tamper/versions/1/artifacts/model.zip");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/models/tamper/audit").json().get(0).get("action").asString())
                .isEqualTo("artifact.integrity_failure");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        register("bad-reg", "w");
        assertField(http.putJson("/api/models/bad-reg/aliases/production", Map.of()), 400, "version");
        assertField(http.putJson("/api/models/bad-reg/aliases/Bad%20Alias", Map.of("version", 1)), 400, "alias");
        assertThat(http.putJson("/api/models/bad-reg/aliases/production", Map.of("version", 9)).status()).isEqualTo(404);
        assertField(http.putJson("/api/models/bad-reg/aliases/production", "{not json"), 400, "body");
        assertThat(http.get("/api/models/bad-reg/versions/7").status()).isEqualTo(404);
        assertField(http.get("/api/models/bad-reg/versions/seven"), 400, "version");
        assertThat(http.get("/api/models/nope/aliases/production").status()).isEqualTo(404);
        Map<String, byte[]> missing = Map.of("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8),
                "model.zip", new byte[] {1});
        assertField(http.postMultipart("/api/models/bad-reg/versions", missing), 400, "pipeline.json");
    }

    private static void assertField(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }
}
