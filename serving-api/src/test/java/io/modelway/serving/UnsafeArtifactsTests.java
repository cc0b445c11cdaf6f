package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.models.CraftedArchives;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whoever can register a version must not be able to run code where it is served: an archive that carries a
 * serialized object is refused without reading it, and so is any file that is not what the registry signed when
 * it accepted the version, even when the registry's own database was changed to match. The version that was
 * served keeps answering.
 */
class UnsafeArtifactsTests {

    static ServingStack stack;

    @BeforeAll
    static void stack() {
        stack = ServingStack.get();
    }

    @Test
    void anArchiveCarryingASerializedObjectIsRefusedUnreadAndTheServedVersionKeepsAnswering(@TempDir Path dir) {
        TestModels.Artifacts good = TestModels.penguinsClassifier(21, 40, 8);
        stack.register("carrier", good);
        stack.alias("carrier", "production", 1);
        stack.awaitServed("carrier", 1);

        Path marker = dir.resolve("written-by-the-model");
        byte[] attack = CraftedArchives.carryingAnObjectThatWrites(TestModels.penguinsClassifier(22, 40, 8).modelZip(),
                marker);
        int crafted = stack.register("carrier", attack, good.pipelineJson());
        stack.alias("carrier", "production", crafted);
        try {
            Http.Response health = Await.until("health to report the refused version", Duration.ofSeconds(30),
                    () -> stack.servingMetrics.get("/actuator/health"), r -> r.body().contains("preprocessor.bin"));
            assertThat(health.json().get("components").get("modelSync").get("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.json().get("components").get("modelSync").get("details").get("carrier").asString())
                    .isEqualTo("v1");
            Http.Response ready = stack.serving.get("/readyz");
            assertThat(ready.body()).as("the public probe tells no details").contains("DEGRADED")
                    .doesNotContain("carrier");
            Http.Response answer = stack.predict("carrier", List.of(ServingStack.gentoo()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("version").asInt()).isEqualTo(1);

            Http.Response explicit = stack.serving.postJson("/api/models/carrier/versions/" + crafted + "/predict",
                    Map.of("instances", List.of(ServingStack.gentoo())));
            assertThat(explicit.status()).as(explicit.body()).isEqualTo(409);
            assertThat(explicit.contentType()).startsWith("application/problem+json");
            assertThat(explicit.json().get("detail").asString()).contains("preprocessor.bin");
            assertThat(marker).as("the object in the archive was never read").doesNotExist();
        } finally {
            stack.alias("carrier", "production", 1);
        }
        Await.until("health to recover", Duration.ofSeconds(30), () -> stack.serving.get("/readyz"),
                r -> r.body().contains("\"UP\""));
    }

    @Test
    void filesChangedBehindTheRegistrysBackAreRefusedEvenWhenItsDatabaseWasChangedToMatch() {
        TestModels.Artifacts good = TestModels.penguinsClassifier(23, 40, 8);
        stack.register("tampered", good);
        stack.register("tampered", good);
        stack.register("tampered", good);
        ObjectStore store = stack.registryContext.getBean(ObjectStore.class);
        JdbcClient database = stack.registryContext.getBean(JdbcClient.class);

        // Another network in v2's model.zip, its SHA-256 written into the registry's table: the registry serves
        // it as intact, but it is not what the registry signed.
        byte[] swapped = TestModels.penguinsClassifier(24, 40, 8).modelZip();
        replace(store, database, "tampered", 2, "model.zip", swapped);
        Http.Response changedFile = predictVersion("tampered", 2);
        assertThat(changedFile.status()).as(changedFile.body()).isEqualTo(409);
        assertThat(changedFile.json().get("detail").asString()).contains("model.zip does not match its signed manifest");

        // A manifest rewritten to name the swapped file: its signature no longer holds.
        String manifest = new String(store.get("models/tampered/v3/manifest.json"), StandardCharsets.UTF_8);
        String original = database.sql("select sha256 from model_artifacts where model = 'tampered' and version = 3"
                + " and file = 'model.zip'").query(String.class).single();
        replace(store, database, "tampered", 3, "model.zip", swapped);
        replace(store, database, "tampered", 3, "manifest.json",
                manifest.replace(original, Sha256.of(swapped)).getBytes(StandardCharsets.UTF_8));
        Http.Response changedManifest = predictVersion("tampered", 3);
        assertThat(changedManifest.status()).as(changedManifest.body()).isEqualTo(409);
        assertThat(changedManifest.json().get("detail").asString()).contains("manifest does not match its signature");

        assertThat(predictVersion("tampered", 1).status()).as("the untouched version").isEqualTo(200);
    }

    @Test
    void pinnedKeysAreTheOnlyOnesTrusted() throws NoSuchAlgorithmException {
        stack.register("pinned", TestModels.penguinsClassifier(25, 40, 8));
        String published = stack.registry.get("/api/signing-keys").json().get(0).get("publicKey").asString();
        String stranger = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());

        try (ConfigurableApplicationContext trustsAnother = stack.anotherServing(
                Map.of("MODELWAY_MODEL_SIGNING_KEYS", stranger))) {
            Http.Response refused = Http.local(ServingStack.port(trustsAnother)).as(TestIssuer.tokenOf(Role.CLIENT))
                    .postJson("/api/models/pinned/versions/1/predict", Map.of("instances", List.of(ServingStack.gentoo())));
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("which is not a trusted key");
        }
        try (ConfigurableApplicationContext trustsTheRegistrysKey = stack.anotherServing(
                Map.of("MODELWAY_MODEL_SIGNING_KEYS", stranger + "," + published))) {
            Http.Response answered = Http.local(ServingStack.port(trustsTheRegistrysKey)).as(TestIssuer.tokenOf(Role.CLIENT))
                    .postJson("/api/models/pinned/versions/1/predict", Map.of("instances", List.of(ServingStack.gentoo())));
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        }
    }

    private static Http.Response predictVersion(String model, int version) {
        return stack.serving.postJson("/api/models/" + model + "/versions/" + version + "/predict",
                Map.of("instances", List.of(ServingStack.gentoo())));
    }

    /** Overwrites a stored file and the registry's record of its SHA-256, as someone with both would. */
    private static void replace(ObjectStore store, JdbcClient database, String model, int version, String file,
            byte[] bytes) {
        String key = database.sql("select object_key from model_artifacts where model = ? and version = ? and file = ?")
                .params(model, version, file).query(String.class).single();
        store.put(key, bytes, "application/octet-stream");
        database.sql("update model_artifacts set sha256 = ?, size = ? where model = ? and version = ? and file = ?")
                .params(Sha256.of(bytes), bytes.length, model, version, file).update();
    }
}
