package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A registration is bounded per artifact and as a whole; past either it is a 413 problem and no version. */
@ServiceFlowTest(properties = {"MODELWAY_REGISTRY_MAX_ARTIFACT_SIZE=8KB", "MODELWAY_REGISTRY_MAX_VERSION_SIZE=12KB"})
class ArtifactLimitsTests {

    Http ops;

    @BeforeEach
    void client(@LocalServerPort int port) {
        ops = Http.local(port).as(TestIssuer.tokenOf(Role.OPS));
    }

    private Http.Response register(String model, int zipBytes, int extraBytes) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", new byte[zipBytes]);
        parts.put("pipeline.json", "{}".getBytes(StandardCharsets.UTF_8));
        if (extraBytes > 0) {
            parts.put("notes.txt", new byte[extraBytes]);
        }
        return ops.postMultipart("/api/models/" + model + "/versions", parts);
    }

    @Test
    void anArtifactOrARegistrationPastItsLimitIsA413AndNoVersion() {
        Http.Response oneTooLarge = register("bounded", 16 * 1024, 0);
        assertThat(oneTooLarge.status()).as(oneTooLarge.body()).isEqualTo(413);
        assertThat(oneTooLarge.contentType()).startsWith("application/problem+json");
        assertThat(oneTooLarge.json().get("detail").asString()).contains("8 KB");
        Http.Response allTooLarge = register("bounded", 7 * 1024, 7 * 1024);
        assertThat(allTooLarge.status()).as(allTooLarge.body()).isEqualTo(413);
        assertThat(ops.get("/api/models/bounded").status()).isEqualTo(404);

        Http.Response fits = register("bounded", 7 * 1024, 0);
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
        assertThat(ops.get("/api/models/bounded/versions/1/artifacts/model.zip").body()).hasSize(7 * 1024);
    }
}
