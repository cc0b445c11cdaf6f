package io.modelway.core.security;

/**
 * Says what an API key ({@code mw_...}) may do. Throws {@link IdentityProviderUnavailable} when that cannot be
 * known now, so a caller is told to retry rather than that its key is bad.
 */
public interface ApiKeyVerifier {

    String PREFIX = "mw_";

    ApiKeyIntrospection verify(String key);
}
