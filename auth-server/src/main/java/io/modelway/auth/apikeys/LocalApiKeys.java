package io.modelway.auth.apikeys;

import io.modelway.core.security.ApiKeyIntrospection;
import io.modelway.core.security.ApiKeyVerifier;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The issuer's own answer about an API key, from its table: what introspection tells the other services. */
@Component
class LocalApiKeys implements ApiKeyVerifier {

    private final ApiKeyStore keys;

    LocalApiKeys(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public ApiKeyIntrospection verify(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return ApiKeyIntrospection.INACTIVE;
        }
        return keys.findBySecret(secret).filter(k -> k.active(Instant.now()))
                .map(k -> new ApiKeyIntrospection(true, k.id().toString(), k.name(), k.roles(), k.models(), k.expiresAt()))
                .orElse(ApiKeyIntrospection.INACTIVE);
    }
}
