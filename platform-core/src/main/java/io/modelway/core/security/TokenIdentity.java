package io.modelway.core.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a validated token names and what it may do: the name is {@code preferred_username}, else the client id,
 * else {@code sub}; the roles come from the configured claim path (a list or a space-separated string, so
 * {@code roles} and Keycloak's {@code realm_access.roles} both work), each with the roles it carries, and the
 * granted scopes ({@code scope} or {@code scp}) become {@code SCOPE_...} authorities.
 */
public final class TokenIdentity implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] rolesPath;

    public TokenIdentity(String rolesClaim) {
        this.rolesPath = rolesClaim.split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        Role.withImplied(roles(jwt.getClaims())).forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        for (String scope : strings(jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp")))) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return new JwtAuthenticationToken(jwt, authorities, name(jwt));
    }

    static String name(Jwt jwt) {
        for (String claim : List.of("preferred_username", "client_id", "sub")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "unknown";
    }

    /** The Modelway roles the token names at the configured path; names that are not roles are left out. */
    public List<Role> roles(Map<String, Object> claims) {
        Object node = claims;
        for (String step : rolesPath) {
            node = node instanceof Map<?, ?> map ? map.get(step) : null;
        }
        List<Role> roles = new ArrayList<>();
        strings(node).forEach(name -> Role.fromWire(name).ifPresent(roles::add));
        return roles;
    }

    private static List<String> strings(Object value) {
        if (value instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
