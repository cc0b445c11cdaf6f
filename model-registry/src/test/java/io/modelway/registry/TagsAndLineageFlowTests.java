package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.modelway.core.events.ModelTagChanged;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.StoredObject;
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

/** Tags on models and versions, and the lineage of a version, against real PostgreSQL, S3Proxy and Kafka. */
@ServiceFlowTest
class TagsAndLineageFlowTests {

    @Autowired
    ObjectStore store;

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.OPS));
    }

    private JsonNode register(String model, String metadata) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", metadata.getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
        Http.Response response = http.postMultipart("/api/models/" + model + "/versions", parts);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode register(String model) {
        return register(model, "{\"modelType\":\"classifier\"}");
    }

    @Test
    void versionTagsAreSetReplacedRemovedAuditedAndAnnounced() {
        register("tagged");
        register("tagged");

        http.putJson("/api/models/tagged/versions/1/tags/stage", Map.of("value", "candidate"));
        JsonNode tags = http.putJson("/api/models/tagged/versions/1/tags/stage", Map.of("value", "validated")).json();
        http.putJson("/api/models/tagged/versions/2/tags/ticket", Map.of("value", "ML-42"));

        assertThat(tags.get("stage").asString()).isEqualTo("validated");
        assertThat(http.get("/api/models/tagged/versions/1").json().get("tags").get("stage").asString())
                .isEqualTo("validated");
        assertThat(http.delete("/api/models/tagged/versions/2/tags/ticket").status()).isEqualTo(204);
        assertThat(http.get("/api/models/tagged/versions/2/tags").json()).isEmpty();
        assertThat(http.delete("/api/models/tagged/versions/2/tags/ticket").status()).isEqualTo(404);

        JsonNode audit = http.get("/api/models/tagged/audit?action=tag.set").json();
        assertThat(audit.valueStream().map(e -> e.get("detail").get("value").asString() + " was "
                + e.get("detail").get("previousValue").asString(null)))
                .containsExactly("ML-42 was null", "validated was candidate", "candidate was null");
        assertThat(http.get("/api/models/tagged/audit?action=tag.deleted").header("X-Total-Count")).isEqualTo("1");
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.models", ModelTagChanged.class,
                e -> e.model().equals("tagged"), 4, Duration.ofSeconds(20)))
                .extracting(ModelTagChanged::version, ModelTagChanged::tag, ModelTagChanged::value)
                .containsExactly(tuple(1, "stage", "candidate"), tuple(1, "stage", "validated"),
                        tuple(2, "ticket", "ML-42"), tuple(2, "ticket", null));
    }

    @Test
    void settingATagToTheValueItHasChangesNothing() {
        register("same-tag");
        http.putJson("/api/models/same-tag/tags/team", Map.of("value", "fraud"));

        http.putJson("/api/models/same-tag/tags/team", Map.of("value", "fraud"));

        assertThat(http.get("/api/models/same-tag/audit?action=tag.set").header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void listsFilterByTagNameOrNameAndValue() {
        register("filter-a");
        register("filter-b");
        register("filter-c");
        http.putJson("/api/models/filter-a/tags/team", Map.of("value", "fraud"));
        http.putJson("/api/models/filter-b/tags/team", Map.of("value", "growth"));
        register("filter-a", "{\"modelType\":\"classifier\",\"tags\":{\"stage\":\"validated\",\"owner\":\"ana\"}}");

        assertThat(names(http.get("/api/models?tag=team&limit=1000"))).containsExactly("filter-a", "filter-b");
        assertThat(names(http.get("/api/models?tag=team:fraud&limit=1000"))).containsExactly("filter-a");
        assertThat(http.get("/api/models/filter-a").json().get("tags").get("team").asString()).isEqualTo("fraud");
        Http.Response validated = http.get("/api/models/filter-a/versions?tag=stage:validated&tag=owner");
        assertThat(validated.json().valueStream().map(v -> v.get("version").asInt())).containsExactly(2);
        assertThat(validated.header("X-Total-Count")).isEqualTo("1");
        assertThat(http.get("/api/models/filter-a/versions?tag=stage:candidate").json()).isEmpty();
        assertThat(http.get("/api/models/filter-a/audit?action=version.registered").json().get(0).get("detail")
                .get("tags").get("owner").asString()).isEqualTo("ana");
    }

    @Test
    void badTagsAreProblemsNamingTheField() {
        register("bad-tags");
        assertField(http.putJson("/api/models/bad-tags/tags/a%20b", Map.of("value", "x")), 400, "tag");
        assertField(http.putJson("/api/models/bad-tags/tags/team", Map.of()), 400, "value");
        assertField(http.putJson("/api/models/bad-tags/tags/team", Map.of("value", "x".repeat(1001))), 400, "value");
        assertField(http.putJson("/api/models/bad-tags/tags/team", "{not json"), 400, "body");
        assertField(http.get("/api/models?tag=:x"), 400, "tag");
        assertThat(http.putJson("/api/models/nope/tags/team", Map.of("value", "x")).status()).isEqualTo(404);
        assertThat(http.putJson("/api/models/bad-tags/versions/9/tags/team", Map.of("value", "x")).status())
                .isEqualTo(404);
        assertThat(http.get("/api/models/nope/tags").status()).isEqualTo(404);
        assertThat(http.get("/api/models/nope").status()).isEqualTo(404);
        Map<String, byte[]> badTag = Map.of("metadata",
                "{\"modelType\":\"classifier\",\"tags\":{\"ok\":\"1\",\"no way\":\"2\"}}".getBytes(StandardCharsets.UTF_8),
                "model.zip", new byte[] {1}, "pipeline.json", new byte[] {1});
        assertField(http.postMultipart("/api/models/bad-tags/versions", badTag), 400, "metadata.tags.no way");
        assertThat(http.get("/api/models/bad-tags").json().get("versions").asInt()).isEqualTo(1);
    }

    @Test
    void servingTagsServingCannotUseAreRefusedWhenSetNotIgnoredLater() {
        register("routed");
        register("routed");
        http.putJson("/api/models/routed/aliases/production", Map.of("version", 1));
        String canary = "/api/models/routed/tags/serving.canary";

        Http.Response tooMuch = http.putJson(canary, Map.of("value", "challenger:150"));
        assertField(tooMuch, 400, "value");
        assertThat(tooMuch.json().get("detail").asString()).contains("'challenger:150' is not '<alias>:<percent 0-100>'");
        Http.Response noAlias = http.putJson(canary, Map.of("value", "challenger:10"));
        assertField(noAlias, 400, "value");
        assertThat(noAlias.json().get("detail").asString()).contains("no alias 'challenger' (it has production)");
        assertField(http.putJson("/api/models/routed/tags/serving.shadow", Map.of("value", "challenger")), 400, "value");
        assertField(http.putJson("/api/models/routed/tags/serving.extra-fields", Map.of("value", "sometimes")), 400,
                "value");
        assertField(http.putJson("/api/models/routed/tags/serving.canery", Map.of("value", "challenger:10")), 400, "tag");
        assertField(http.putJson("/api/models/routed/versions/2/tags/serving.shadow", Map.of("value", "production")),
                400, "tag");
        Map<String, byte[]> servingTagOnAVersion = Map.of("metadata",
                "{\"modelType\":\"classifier\",\"tags\":{\"serving.canary\":\"production:5\"}}"
                        .getBytes(StandardCharsets.UTF_8), "model.zip", new byte[] {1}, "pipeline.json", new byte[] {1});
        assertField(http.postMultipart("/api/models/routed/versions", servingTagOnAVersion), 400,
                "metadata.tags.serving.canary");
        assertThat(http.get("/api/models/routed").json().get("tags").isEmpty()).as("nothing was set").isTrue();

        http.putJson("/api/models/routed/aliases/challenger", Map.of("version", 2));
        assertThat(http.putJson(canary, Map.of("value", "challenger:10")).status()).isEqualTo(200);
        Http.Response inUse = http.delete("/api/models/routed/aliases/challenger");
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asString()).contains("serving.canary=challenger:10");
        assertThat(http.delete(canary).status()).isEqualTo(204);
        assertThat(http.delete("/api/models/routed/aliases/challenger").status()).isEqualTo(204);
    }

    @Test
    void lineageLeadsFromTheVersionThroughItsRunAndDatasetVersionToTheRawUpload() {
        StoredObject raw = store.put("raw/lineage-ds/0b7c6f7e-2d55-4a57-9c6c-0c3f1a6d9e11",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        StoredObject data = store.put("datasets/lineage-ds/v3/data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        register("lineage", """
                {"runId":"6f1c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f","modelType":"regressor","dataset":"lineage-ds",
                 "datasetVersion":3,"datasetSha256":"%s","paramsSha256":"abc123",
                 "lineage":{"reason":"drift","codeVersion":"0.1.0+7bd527e","dataKey":"%s",
                   "source":{"uploadId":"0b7c6f7e-2d55-4a57-9c6c-0c3f1a6d9e11","key":"%s","sha256":"%s",
                             "contentType":"text/csv"}}}""".formatted(data.sha256(), data.key(), raw.key(), raw.sha256()));

        JsonNode lineage = http.get("/api/models/lineage/versions/1/lineage").json();

        assertThat(lineage.get("run").get("runId").asString()).isEqualTo("6f1c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f");
        assertThat(lineage.get("run").get("reason").asString()).isEqualTo("drift");
        assertThat(lineage.get("run").get("codeVersion").asString()).isEqualTo("0.1.0+7bd527e");
        assertThat(lineage.get("run").get("api").get("path").asString())
                .isEqualTo("/api/training-runs/6f1c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f");
        JsonNode dataset = lineage.get("datasetVersion");
        assertThat(dataset.get("dataset").asString() + " v" + dataset.get("version").asInt()).isEqualTo("lineage-ds v3");
        assertThat(dataset.get("dataSha256").asString()).isEqualTo(data.sha256());
        assertThat(dataset.get("stored").asBoolean()).isTrue();
        assertThat(dataset.get("api").get("path").asString()).isEqualTo("/api/datasets/lineage-ds/versions/3");
        JsonNode upload = lineage.get("upload");
        assertThat(upload.get("key").asString()).isEqualTo(raw.key());
        assertThat(upload.get("sha256").asString()).isEqualTo(raw.sha256());
        assertThat(upload.get("stored").asBoolean()).isTrue();
    }

    @Test
    void lineageSaysWhatIsUnknownOrNoLongerStored() {
        register("lineage-gone", """
                {"modelType":"classifier","dataset":"gone","datasetVersion":1,
                 "lineage":{"dataKey":"datasets/gone/v1/data.csv","source":{"key":"raw/gone/none"}}}""");
        register("lineage-manual");

        JsonNode gone = http.get("/api/models/lineage-gone/versions/1/lineage").json();
        JsonNode manual = http.get("/api/models/lineage-manual/versions/1/lineage").json();

        assertThat(gone.get("run").isNull()).isTrue();
        assertThat(gone.get("datasetVersion").get("stored").asBoolean()).isFalse();
        assertThat(gone.get("upload").get("stored").asBoolean()).isFalse();
        assertThat(manual.get("run").isNull() && manual.get("datasetVersion").isNull() && manual.get("upload").isNull())
                .isTrue();
        assertThat(http.get("/api/models/lineage-manual/versions/2/lineage").status()).isEqualTo(404);
    }

    private static java.util.List<String> names(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().map(m -> m.get("name").asString())
                .filter(n -> n.startsWith("filter-")).toList();
    }

    private static void assertField(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }
}
