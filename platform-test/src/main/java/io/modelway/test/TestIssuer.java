package io.modelway.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.security.ApiKeyIntrospection;
import io.modelway.core.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An OpenID Connect issuer for the services' own tests, in this JVM on a free port: discovery, a JWKS, signed RS256
 * tokens for any name and roles a test asks for, the client-credentials grant for any client with the secret
 * {@link #CLIENT_SECRET} (role {@code viewer} unless {@link #client} says otherwise, and the scopes it asks for) and
 * API-key introspection, the endpoints
 * a Modelway service calls on its issuer. {@code rolesClaim} places roles as a real provider would: {@code roles},
 * or Keycloak's {@code realm_access.roles}. The auth-server module's tests and the end-to-end tests use the real
 * issuer instead.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String CLIENT_SECRET = "test-client-secret";
    private static final TestIssuer SHARED = new TestIssuer("roles");

    private final String rolesClaim;
    private final RSAKey key;
    private final HttpServer server;
    private final Map<String, ApiKeyIntrospection> apiKeys = new ConcurrentHashMap<>();
    private final Map<String, Role[]> clientRoles = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public TestIssuer(String rolesClaim) {
        this.rolesClaim = rolesClaim;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException("No signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", e -> json(e, 200, Map.of("issuer", url(),
                "jwks_uri", url() + "/oauth2/jwks", "token_endpoint", url() + "/oauth2/token",
                "authorization_endpoint", url() + "/oauth2/authorize")));
        server.createContext("/oauth2/jwks", e -> json(e, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/oauth2/token", this::clientCredentials);
        server.createContext("/api/api-keys/introspect", this::introspect);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The issuer the services' tests share, with roles in {@code roles}. */
    public static TestIssuer get() {
        return SHARED;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token of the shared issuer for a person named after the role ({@code ops-user}) holding that role. */
    public static String tokenOf(Role role) {
        return SHARED.token(role.wire() + "-user", role);
    }

    /** A token of a person or client named {@code name}, holding {@code roles}, valid for ten minutes. */
    public String token(String name, Role... roles) {
        return token(name, List.of(), Duration.ofMinutes(10), roles);
    }

    /** A token with granted scopes (a service client's) and a lifetime of its own (negative: already expired). */
    public String token(String name, List<String> scopes, Duration lifetime, Role... roles) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(url()).subject(name)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(lifetime)))
                .claim("preferred_username", name);
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        List<String> names = Arrays.stream(roles).map(Role::wire).toList();
        String[] path = rolesClaim.split("\\.");
        if (path.length == 1) {
            claims.claim(path[0], names);
        } else {
            claims.claim(path[0], Map.of(path[1], names));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A new API key, {@code mw_...}, that introspection answers for until it is revoked. */
    public String apiKey(String name, List<Role> roles, List<String> models) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = "mw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        apiKeys.put(value, new ApiKeyIntrospection(true, UUID.randomUUID().toString(), name,
                roles.stream().map(Role::wire).toList(), models, null));
        return value;
    }

    public void revoke(String apiKey) {
        apiKeys.remove(apiKey);
    }

    /** The roles the client-credentials tokens of {@code clientId} carry from now on (by default {@code viewer}). */
    public void client(String clientId, Role... roles) {
        clientRoles.put(clientId, roles);
    }

    /** What a service needs to trust this issuer and to call others as the client {@code clientId}. */
    public Map<String, String> serviceProperties(String clientId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("MODELWAY_OIDC_ISSUER", url());
        properties.put("MODELWAY_OIDC_CLIENT_ID", clientId);
        properties.put("MODELWAY_OIDC_CLIENT_SECRET", CLIENT_SECRET);
        return properties;
    }

    private void clientCredentials(HttpExchange exchange) throws IOException {
        String client = authenticatedClient(exchange);
        Map<String, String> form = form(exchange);
        if (client == null || !"client_credentials".equals(form.get("grant_type"))) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        String scope = form.getOrDefault("scope", "");
        List<String> scopes = scope.isBlank() ? List.of() : List.of(scope.split(" "));
        Role[] roles = clientRoles.getOrDefault(client, new Role[] {Role.VIEWER});
        json(exchange, 200, Map.of("access_token", token(client, scopes, Duration.ofMinutes(10), roles),
                "token_type", "Bearer", "expires_in", 600));
    }

    private void introspect(HttpExchange exchange) throws IOException {
        if (authenticatedClient(exchange) == null) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        json(exchange, 200, apiKeys.getOrDefault(form(exchange).get("token"), ApiKeyIntrospection.INACTIVE));
    }

    /** The client id of HTTP Basic credentials with the test secret, else null. */
    private static String authenticatedClient(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String[] idAndSecret = new String(Base64.getDecoder().decode(authorization.substring(6)),
                StandardCharsets.UTF_8).split(":", 2);
        return idAndSecret.length == 2 && CLIENT_SECRET.equals(idAndSecret[1]) ? idAndSecret[0] : null;
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = ModelwayJson.toBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
