package io.modelway.core.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens it has validated until they expire: a client sends the same token with every request, and
 * checking its RSA signature each time would cost more than a prediction. A token is its own proof, so the same
 * string validated once stays valid until its {@code exp}; only that is checked again. Bounded: past
 * {@value #MAX_CACHED} tokens the memory starts over.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private static final int MAX_CACHED = 10_000;
    // The same allowance the validator gives a token on its first check.
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder delegate;
    private final ConcurrentMap<String, Jwt> validated = new ConcurrentHashMap<>();

    CachingJwtDecoder(JwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = validated.get(token);
        if (known != null) {
            if (known.getExpiresAt() != null && known.getExpiresAt().isBefore(Instant.now().minus(CLOCK_SKEW))) {
                validated.remove(token);
                String expired = "Jwt expired at " + known.getExpiresAt();
                throw new JwtValidationException(expired, List.of(new OAuth2Error("invalid_token", expired, null)));
            }
            return known;
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (validated.size() >= MAX_CACHED) {
                validated.clear();
            }
            validated.put(token, jwt);
        }
        return jwt;
    }
}
