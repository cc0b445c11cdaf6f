package io.modelway.core.security;

import java.time.Instant;
import java.util.List;

/**
 * What the issuer answers about an API key ({@code POST /api/api-keys/introspect}, form field {@code token}): whether
 * it is {@code active} (known, not revoked, not expired) and, when it is, whose it is and what it may do. An
 * inactive key carries nothing else.
 */
public record ApiKeyIntrospection(boolean active, String id, String name, List<String> roles, List<String> models,
        Instant expiresAt) {

    public static final ApiKeyIntrospection INACTIVE = new ApiKeyIntrospection(false, null, null, List.of(), List.of(),
            null);

    public ApiKeyIntrospection {
        roles = roles == null ? List.of() : List.copyOf(roles);
        models = models == null ? List.of() : List.copyOf(models);
    }
}
