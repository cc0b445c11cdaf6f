package io.modelway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the issuer seeds and how long its tokens live.
 * <ul>
 * <li>{@code demo}: one demo user per role ({@code viewer}, {@code client}, {@code engineer}, {@code ops},
 * {@code admin}) and a client per role for scripts ({@code demo-<role>}), all with {@code demoPassword}; for the
 * local stack and tests only.</li>
 * <li>{@code adminUser}, {@code adminPassword}: a first administrator, created once when no user has that name.</li>
 * <li>{@code clients}: the registered clients by client id; one without a secret is not registered.</li>
 * </ul>
 */
@ConfigurationProperties("modelway.auth")
public record AuthProperties(boolean demo, String demoPassword, String adminUser, String adminPassword,
        Duration accessTokenTtl, Duration refreshTokenTtl, Map<String, Client> clients) {

    public AuthProperties {
        demoPassword = blankToNull(demoPassword);
        adminUser = blankToNull(adminUser);
        adminPassword = blankToNull(adminPassword);
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(10) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofHours(8) : refreshTokenTtl;
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        if (demo && demoPassword == null) {
            throw new IllegalArgumentException("modelway.auth.demo needs modelway.auth.demo-password "
                    + "(MODELWAY_AUTH_DEMO_PASSWORD)");
        }
    }

    /**
     * A client: its secret, the roles its own tokens carry (client credentials), the scopes it may ask for, and,
     * for a client people log in through, where the issuer may send them back after login and logout.
     */
    public record Client(String secret, List<String> roles, List<String> scopes, List<String> redirectUris,
            List<String> postLogoutRedirectUris) {

        public Client {
            secret = blankToNull(secret);
            roles = roles == null ? List.of() : List.copyOf(roles);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        }

        /** A client people log in through (authorization code with PKCE). */
        public boolean login() {
            return !redirectUris.isEmpty();
        }

        /** A service that calls others under its own identity (client credentials). */
        public boolean service() {
            return !roles.isEmpty() || !scopes.isEmpty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
