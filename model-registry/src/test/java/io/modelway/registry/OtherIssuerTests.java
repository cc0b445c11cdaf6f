package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pointing Modelway at another identity provider is configuration: a registry trusting a second issuer that puts
 * roles where Keycloak does ({@code realm_access.roles}) accepts its tokens with their roles, and no longer the
 * tokens of the issuer the other tests use.
 */
class OtherIssuerTests {

    static final TestIssuer KEYCLOAK_LIKE = new TestIssuer("realm_access.roles");
    static ConfigurableApplicationContext registry;
    static int port;

    @BeforeAll
    static void start() {
        Map<String, String> properties = new LinkedHashMap<>(KEYCLOAK_LIKE.serviceProperties("model-registry"));
        properties.put("MODELWAY_OIDC_ROLES_CLAIM", "realm_access.roles");
        registry = ServiceStarter.start(RegistryApplication.class, "model-registry", properties);
        port = ServiceStarter.port(registry);
    }

    @AfterAll
    static void stop() {
        registry.close();
        KEYCLOAK_LIKE.close();
    }

    @Test
    void takesRolesFromWhereTheConfiguredIssuerPutsThem() {
        Http ops = Http.local(port).as(KEYCLOAK_LIKE.token("kim", Role.OPS));
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", "{\"modelType\":\"classifier\"}".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(ops.postMultipart("/api/models/other-issuer/versions", parts).status()).isEqualTo(201);
        Http.Response moved = ops.putJson("/api/models/other-issuer/aliases/production", Map.of("version", 1));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("updatedBy").asString()).isEqualTo("kim");

        Http.Response viewer = Http.local(port).as(KEYCLOAK_LIKE.token("vic", Role.VIEWER))
                .putJson("/api/models/other-issuer/aliases/production", Map.of("version", 1));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().get("role").asString()).isEqualTo("ops or scope aliases.promote");
    }

    @Test
    void refusesTheTokensOfAnyOtherIssuer() {
        Http.Response shared = Http.local(port).as(TestIssuer.tokenOf(Role.OPS)).get("/api/models");
        assertThat(shared.status()).isEqualTo(401);
        assertThat(shared.header("WWW-Authenticate")).contains("invalid_token");
    }
}
