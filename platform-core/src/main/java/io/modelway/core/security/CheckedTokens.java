package io.modelway.core.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Checks bearer tokens and remembers the ones it has accepted, with who they name and what they may do, until they
 * expire. A client sends the same token with every request, and checking its RSA signature and reading its roles
 * each time would cost more than a prediction: a token is its own proof, so the same string accepted once stays
 * accepted until its {@code exp}, and only that is checked again. Bounded: past {@value #MAX_CACHED} tokens the
 * memory starts over.
 */
final class CheckedTokens {

    private static final int MAX_CACHED = 10_000;
    // The same allowance the validator gives a token on its first check.
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private record Accepted(Jwt jwt, Collection<GrantedAuthority> authorities, String name) {
    }

    private final JwtDecoder decoder;
    private final TokenIdentity identity;
    private final ConcurrentMap<String, Accepted> accepted = new ConcurrentHashMap<>();

    CheckedTokens(JwtDecoder decoder, TokenIdentity identity) {
        this.decoder = decoder;
        this.identity = identity;
    }

    /** The caller a bearer token names; as Spring's JWT provider, a bad token is a 401, an unreachable issuer not. */
    JwtAuthenticationToken authenticate(BearerTokenAuthenticationToken bearer) {
        String token = bearer.getToken();
        Accepted known = accepted.get(token);
        if (known != null && known.jwt().getExpiresAt().isBefore(Instant.now().minus(CLOCK_SKEW))) {
            accepted.remove(token);
            throw new InvalidBearerTokenException("Jwt expired at " + known.jwt().getExpiresAt());
        }
        if (known == null) {
            known = check(token);
        }
        JwtAuthenticationToken caller = new JwtAuthenticationToken(known.jwt(), known.authorities(), known.name());
        caller.setDetails(bearer.getDetails());
        return caller;
    }

    private Accepted check(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException e) {
            throw new InvalidBearerTokenException(e.getMessage(), e);
        } catch (JwtException e) {
            throw new AuthenticationServiceException(e.getMessage(), e);
        }
        AbstractAuthenticationToken converted = identity.convert(jwt);
        Accepted checked = new Accepted(jwt, converted.getAuthorities(), converted.getName());
        if (jwt.getExpiresAt() != null) {
            if (accepted.size() >= MAX_CACHED) {
                accepted.clear();
            }
            accepted.put(token, checked);
        }
        return checked;
    }
}
