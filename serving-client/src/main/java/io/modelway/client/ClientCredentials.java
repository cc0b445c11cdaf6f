package io.modelway.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of a client app's own identity, from the issuer's token endpoint with the client-credentials grant,
 * for {@link ModelwayClient.Builder#accessTokens(Supplier)}. A token is kept until a minute before it expires; one
 * thread fetches a new one while the others wait. Works with Modelway's own issuer and any OpenID Connect provider
 * (Keycloak, Entra ID, Okta) that issues client-credentials tokens.
 */
public final class ClientCredentials implements Supplier<String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final URI tokenEndpoint;
    private final String authorization;
    private final String scope;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    private ClientCredentials(URI tokenEndpoint, String clientId, String clientSecret, String scope) {
        this.tokenEndpoint = tokenEndpoint;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
    }

    /** Tokens from this token endpoint, with no scope asked for. */
    public static ClientCredentials of(URI tokenEndpoint, String clientId, String clientSecret) {
        return new ClientCredentials(tokenEndpoint, clientId, clientSecret, null);
    }

    /** Tokens from this token endpoint with the scopes named, space-separated. */
    public static ClientCredentials of(URI tokenEndpoint, String clientId, String clientSecret, String scope) {
        return new ClientCredentials(tokenEndpoint, clientId, clientSecret, scope);
    }

    /** Tokens from the token endpoint the issuer's discovery document names. */
    public static ClientCredentials fromIssuer(URI issuer, String clientId, String clientSecret) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String discovery = issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(discovery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode endpoint = JSON.readTree(answer.body()).path("token_endpoint");
            if (answer.statusCode() != 200 || !endpoint.isString()) {
                throw new ModelwayException(answer.statusCode(), null, "No token endpoint at " + discovery, null);
            }
            return of(URI.create(endpoint.asString()), clientId, clientSecret);
        } catch (IOException | JacksonException e) {
            throw new ModelwayException(0, null, "Could not read " + discovery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelwayException(0, null, "Interrupted while reading " + discovery, e);
        }
    }

    @Override
    public synchronized String get() {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(answer.body());
            if (answer.statusCode() != 200 || !body.path("access_token").isString()) {
                throw new ModelwayException(answer.statusCode(), null, "The token endpoint refused the client: "
                        + body.path("error").asString(answer.body()), null);
            }
            long lifetime = body.path("expires_in").asLong(300);
            token = body.get("access_token").asString();
            renewAt = Instant.now().plusSeconds(lifetime).minus(EARLY.getSeconds() * 2 > lifetime
                    ? Duration.ofSeconds(lifetime / 2) : EARLY);
        } catch (IOException | JacksonException e) {
            throw new ModelwayException(0, null, "Could not reach the token endpoint " + tokenEndpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelwayException(0, null, "Interrupted while asking " + tokenEndpoint + " for a token", e);
        }
    }
}
