package io.modelway.core.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The credentials a request carries and how each kind is checked. A caller sends a token as
 * {@code Authorization: Bearer ...}, or an API key as that or as {@code X-API-Key: mw_...}; never in the query
 * string, where it would end up in access logs. Keys ({@code mw_...}) go to the {@link ApiKeyVerifier}, everything
 * else to the JWT check.
 */
public final class CallerCredentials implements BearerTokenResolver {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (token.isEmpty()) {
                throw new InvalidBearerTokenException("The Authorization header carries an empty bearer token");
            }
            return token;
        }
        String key = request.getHeader(API_KEY_HEADER);
        return key == null || key.isBlank() ? null : key.trim();
    }

    /** Checks a bearer token: an API key with {@code keys} (null when keys are off), any other with {@code jwt}. */
    public static AuthenticationManager manager(AuthenticationManager jwt, ApiKeyVerifier keys) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (!token.startsWith(ApiKeyVerifier.PREFIX)) {
                return jwt.authenticate(authentication);
            }
            if (keys == null) {
                throw new InvalidBearerTokenException("API keys are not accepted by this deployment");
            }
            ApiKeyIntrospection key = keys.verify(token);
            if (!key.active() || (key.expiresAt() != null && key.expiresAt().isBefore(Instant.now()))) {
                throw new InvalidBearerTokenException("The API key is unknown, revoked or expired");
            }
            Set<GrantedAuthority> authorities = new LinkedHashSet<>();
            Role.withImplied(key.roles().stream().flatMap(r -> Role.fromWire(r).stream()).toList())
                    .forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            return new ApiKeyAuthentication(key.id(), key.name(), authorities, Set.copyOf(key.models()));
        };
    }
}
