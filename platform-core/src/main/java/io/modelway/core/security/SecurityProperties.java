package io.modelway.core.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who this service trusts and who it is.
 * <ul>
 * <li>{@code issuer}: the OpenID Connect issuer whose tokens are accepted (the {@code iss} they carry);
 * {@code internalUrl}: where this service reaches that issuer when it is not at the issuer's own address (a
 * container network), else empty.</li>
 * <li>{@code rolesClaim}: where the roles sit in a token, a dotted path ({@code roles}, or Keycloak's
 * {@code realm_access.roles}); {@code audience}: when set, a token must name it in {@code aud}.</li>
 * <li>{@code clientId}, {@code clientSecret}, {@code clientScopes}: this service's own client-credentials identity,
 * for the calls it makes to other services and to check API keys.</li>
 * <li>{@code apiKeys}: where API keys ({@code mw_...}) are checked, by default the issuer's
 * {@code /api/api-keys/introspect}; empty turns API keys off. {@code apiKeyCacheTtl}: how long a checked key is
 * believed, so a revoked key is refused everywhere within that time (at most 10 seconds).</li>
 * <li>{@code timeout}: connect and read deadline of every call to the identity provider.</li>
 * </ul>
 */
@ConfigurationProperties("modelway.security")
public record SecurityProperties(String issuer, String internalUrl, String rolesClaim, String audience,
        String clientId, String clientSecret, List<String> clientScopes, String apiKeys, Duration apiKeyCacheTtl,
        Duration timeout) {

    static final Duration MAX_API_KEY_CACHE = Duration.ofSeconds(10);

    public SecurityProperties {
        issuer = issuer == null || issuer.isBlank() ? "http://127.0.0.1:8084" : trimSlash(issuer);
        internalUrl = internalUrl == null || internalUrl.isBlank() ? null : trimSlash(internalUrl);
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        audience = audience == null || audience.isBlank() ? null : audience;
        clientId = clientId == null || clientId.isBlank() ? null : clientId;
        clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        clientScopes = clientScopes == null ? List.of() : clientScopes.stream().filter(s -> !s.isBlank()).toList();
        apiKeys = apiKeys == null ? issuer + "/api/api-keys/introspect" : apiKeys.isBlank() ? null : apiKeys;
        apiKeyCacheTtl = apiKeyCacheTtl == null ? Duration.ofSeconds(5) : apiKeyCacheTtl;
        if (apiKeyCacheTtl.compareTo(MAX_API_KEY_CACHE) > 0 || apiKeyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("modelway.security.api-key-cache-ttl must be between 0 and 10 s, so a "
                    + "revoked key is refused within 10 s; it is " + apiKeyCacheTtl);
        }
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    /** The address this service calls for an issuer URL: the same URL, or its path on {@code internalUrl}. */
    public String reachable(String url) {
        if (internalUrl == null || url == null || !url.startsWith(issuer)) {
            return url;
        }
        return internalUrl + url.substring(issuer.length());
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
