package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.api.registry.VersionManifest;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.ManifestSignature;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The registry signs every manifest it accepts with a published Ed25519 key; admins rotate the key, which signs
 * every manifest again, and retire the old one.
 */
@ServiceFlowTest
class ManifestSigningTests {

    Http ops;
    Http admin;
    @Autowired
    ObjectStore store;
    @Autowired
    JdbcClient database;

    @BeforeEach
    void clients(@LocalServerPort int port) {
        ops = Http.local(port).as(TestIssuer.tokenOf(Role.OPS));
        admin = Http.local(port).as(TestIssuer.tokenOf(Role.ADMIN));
    }

    private void register(String model, Map<String, byte[]> extra) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{}".getBytes(StandardCharsets.UTF_8));
        parts.putAll(extra);
        Http.Response registered = ops.postMultipart("/api/models/" + model + "/versions", parts);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    private boolean verifies(String model, int version, String keyId) {
        byte[] manifest = ops.get("/api/models/" + model + "/versions/" + version + "/artifacts/manifest.json").body()
                .getBytes(StandardCharsets.UTF_8);
        ManifestSignature signature = ModelwayJson.read(ops.get("/api/models/" + model + "/versions/" + version
                + "/artifacts/manifest.sig").body(), ManifestSignature.class);
        JsonNode key = ops.get("/api/signing-keys").json().valueStream()
                .filter(k -> k.get("keyId").asString().equals(signature.keyId())).findFirst().orElseThrow();
        return signature.keyId().equals(keyId == null ? signature.keyId() : keyId)
                && signature.verifies(manifest, ManifestSignature.publicKey(key.get("publicKey").asString()));
    }

    @Test
    void signsEveryManifestItAcceptsWithAPublishedKey() {
        register("signed", Map.of());
        assertThat(verifies("signed", 1, null)).isTrue();
        JsonNode version = ops.get("/api/models/signed/versions/1").json();
        assertThat(version.get("artifacts").valueStream().map(a -> a.get("file").asString()))
                .contains("manifest.json", "manifest.sig", "model.zip", "pipeline.json");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{}".getBytes(StandardCharsets.UTF_8));
        parts.put("manifest.sig", "{}".getBytes(StandardCharsets.UTF_8));
        Http.Response forged = ops.postMultipart("/api/models/signed/versions", parts);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("field").asString()).isEqualTo("manifest.sig");
    }

    @Test
    void aRotationSignsEveryManifestAgainAndTheOldKeyCanThenBeRetired() {
        register("rotated", Map.of());
        register("forged", Map.of());
        // A manifest changed in the store and in the database: a rotation must not sign it and so launder it.
        byte[] forged = "{\"model\":\"forged\",\"version\":1,\"artifacts\":[]}".getBytes(StandardCharsets.UTF_8);
        String key = database.sql("select object_key from model_artifacts where model = 'forged' and file = ?")
                .param(VersionManifest.FILE).query(String.class).single();
        store.put(key, forged, "application/json");
        database.sql("update model_artifacts set sha256 = ? where model = 'forged' and file = ?")
                .params(Sha256.of(forged), VersionManifest.FILE).update();
        String before = ops.get("/api/signing-keys").json().get(0).get("keyId").asString();
        assertThat(ops.post("/api/signing-keys", null, new byte[0]).status()).as("rotating is for admins").isEqualTo(403);

        Http.Response rotation = admin.post("/api/signing-keys", null, new byte[0]);
        assertThat(rotation.status()).as(rotation.body()).isEqualTo(201);
        String after = rotation.json().get("keyId").asString();
        assertThat(after).isNotEqualTo(before).startsWith("ed25519:");
        assertThat(rotation.json().get("signed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rotation.json().get("refused").valueStream().map(JsonNode::asString)).containsExactly("forged v1");
        assertThat(verifies("rotated", 1, after)).isTrue();
        assertThat(verifies("forged", 1, before)).as("still the old signature, which does not hold").isFalse();

        assertThat(admin.delete("/api/signing-keys/" + after).status()).as("the signing key stays").isEqualTo(409);
        assertThat(admin.delete("/api/signing-keys/" + before).status()).isEqualTo(204);
        JsonNode retired = ops.get("/api/signing-keys").json().valueStream()
                .filter(k -> k.get("keyId").asString().equals(before)).findFirst().orElseThrow();
        assertThat(retired.get("retiredAt").isNull()).isFalse();
        register("after-rotation", Map.of());
        assertThat(verifies("after-rotation", 1, after)).isTrue();
    }
}
