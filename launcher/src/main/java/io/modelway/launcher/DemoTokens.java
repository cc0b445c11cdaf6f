package io.modelway.launcher;

import io.modelway.client.ClientCredentials;
import java.net.URI;
import java.util.List;

/**
 * Access tokens of the local stack's demo clients, one per role ({@code demo-viewer} ... {@code demo-admin}), from
 * the issuer's token endpoint with the client-credentials grant, as a client app gets them: what
 * {@code ./modelway token <role>} prints and what the demo acts with.
 */
final class DemoTokens {

    static final List<String> ROLES = List.of("viewer", "client", "engineer", "ops", "admin");

    private final StackCredentials credentials;

    DemoTokens(StackCredentials credentials) {
        this.credentials = credentials;
    }

    /** Throws {@link IllegalArgumentException} for a name that is not a role, and the client's error otherwise. */
    String token(String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("'" + role + "' is not a role: one of " + String.join(", ", ROLES));
        }
        return ClientCredentials.of(URI.create(StackLayout.ISSUER + "/oauth2/token"), "demo-" + role,
                credentials.demoPassword()).get();
    }
}
