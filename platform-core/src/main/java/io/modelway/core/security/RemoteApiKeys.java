package io.modelway.core.security;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;

/**
 * Checks API keys with the issuer's introspection endpoint, authenticated as this service's client, and believes
 * each answer for {@link SecurityProperties#apiKeyCacheTtl()}: a busy key costs one call per period, and a revoked
 * key is refused everywhere once the period has passed. Keys are held only as their SHA-256. Concurrent requests
 * with the same unchecked key wait for one call, made outside any lock.
 */
public final class RemoteApiKeys implements ApiKeyVerifier {

    private static final int MAX_CACHED = 10_000;

    private record Checked(CompletableFuture<ApiKeyIntrospection> answer, long expiresAtNanos) {
    }

    private final SecurityProperties properties;
    private final RestClient http;
    private final ConcurrentMap<String, Checked> cache = new ConcurrentHashMap<>();

    /** {@code properties} must name this service's client id and secret. */
    public RemoteApiKeys(SecurityProperties properties) {
        this.properties = properties;
        this.http = IdentityProvider.restClient(properties);
    }

    @Override
    public ApiKeyIntrospection verify(String key) {
        String hash = Sha256.of(key.getBytes(StandardCharsets.UTF_8));
        long now = System.nanoTime();
        Checked known = cache.get(hash);
        if (known == null || now - known.expiresAtNanos() > 0) {
            Checked mine = new Checked(new CompletableFuture<>(), now + properties.apiKeyCacheTtl().toNanos());
            boolean won = known == null ? cache.putIfAbsent(hash, mine) == null : cache.replace(hash, known, mine);
            if (won) {
                if (cache.size() > MAX_CACHED) {
                    cache.clear();
                    cache.put(hash, mine);
                }
                ask(key, hash, mine);
            }
            known = cache.getOrDefault(hash, mine);
        }
        try {
            return known.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IdentityProviderUnavailable unavailable ? unavailable
                    : new IdentityProviderUnavailable("API key check failed", e.getCause());
        }
    }

    private void ask(String key, String hash, Checked mine) {
        try {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("token", key);
            String body = http.post().uri(properties.reachable(properties.apiKeys()))
                    .headers(h -> h.setBasicAuth(properties.clientId(), properties.clientSecret(), StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(String.class);
            mine.answer().complete(ModelwayJson.read(body, ApiKeyIntrospection.class));
        } catch (RestClientException | JacksonException e) {
            cache.remove(hash, mine);
            mine.answer().completeExceptionally(new IdentityProviderUnavailable(
                    "API keys cannot be checked now (" + properties.apiKeys() + "): " + e.getMessage(), e));
        }
    }
}
