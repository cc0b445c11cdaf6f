package io.modelway.core.security;

import io.modelway.core.json.ModelwayJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * This service's own access token, from the issuer's token endpoint with the client-credentials grant, for the
 * calls it makes to other services. Kept until a minute before it expires; one caller fetches while the others
 * wait, and a failure is thrown to the caller (its call fails, the next one asks again).
 */
public final class ServiceTokens {

    private static final Duration EARLY = Duration.ofSeconds(60);

    private record Token(String value, Instant renewAt) {
    }

    private final SecurityProperties properties;
    private final IdentityProvider issuer;
    private final RestClient http;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Token current;

    ServiceTokens(SecurityProperties properties, IdentityProvider issuer) {
        this.properties = properties;
        this.issuer = issuer;
        this.http = IdentityProvider.restClient(properties);
    }

    /** Whether this service has a client identity to call others with. */
    public boolean configured() {
        return properties.clientId() != null && properties.clientSecret() != null;
    }

    /** A valid access token of this service's client. */
    public String token() {
        Token token = current;
        if (token != null && Instant.now().isBefore(token.renewAt())) {
            return token.value();
        }
        fetching.lock();
        try {
            token = current;
            if (token == null || !Instant.now().isBefore(token.renewAt())) {
                token = fetch();
                current = token;
            }
            return token.value();
        } finally {
            fetching.unlock();
        }
    }

    private Token fetch() {
        if (!configured()) {
            throw new IllegalStateException("This service has no client identity: set MODELWAY_OIDC_CLIENT_ID and "
                    + "MODELWAY_OIDC_CLIENT_SECRET");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        if (!properties.clientScopes().isEmpty()) {
            form.add("scope", String.join(" ", properties.clientScopes()));
        }
        try {
            JsonNode answer = ModelwayJson.mapper().readTree(http.post().uri(issuer.tokenUri())
                    .headers(h -> h.setBasicAuth(properties.clientId(), properties.clientSecret(), StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(String.class));
            String value = answer.path("access_token").asString(null);
            if (value == null) {
                throw new IdentityProviderUnavailable("The token endpoint answered no access_token", null);
            }
            long lifetime = answer.path("expires_in").asLong(300);
            Instant renewAt = Instant.now().plusSeconds(lifetime).minus(EARLY.compareTo(Duration.ofSeconds(lifetime / 2)) > 0
                    ? Duration.ofSeconds(lifetime / 2) : EARLY);
            return new Token(value, renewAt);
        } catch (RestClientException | JacksonException e) {
            throw new IdentityProviderUnavailable("No token for " + properties.clientId() + " from " + issuer.issuer()
                    + ": " + e.getMessage(), e);
        }
    }
}
