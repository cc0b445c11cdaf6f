package io.modelway.auth.clients;

import io.modelway.auth.AuthProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the configured clients in the database (the client id is also the registration's id, so a second
 * replica or a restart updates the same rows): services get client credentials with their roles and scopes, login
 * clients authorization code with PKCE, refresh and logout redirects.
 */
@Component
public class ClientRegistrations {

    /** The client setting that holds the roles a client's own tokens carry, comma-separated. */
    public static final String ROLES = "modelway.roles";

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;

    ClientRegistrations(RegisteredClientRepository clients, PasswordEncoder passwords, AuthProperties properties) {
        this.clients = clients;
        this.passwords = passwords;
        this.properties = properties;
    }

    /** Registers or updates every configured client that has a secret; returns the ids registered. */
    public List<String> registerConfigured() {
        return properties.clients().entrySet().stream().filter(e -> e.getValue().secret() != null)
                .map(e -> register(e.getKey(), e.getValue())).toList();
    }

    public String register(String clientId, AuthProperties.Client client) {
        RegisteredClient existing = clients.findByClientId(clientId);
        String secret = existing != null && passwords.matches(client.secret(), existing.getClientSecret())
                ? existing.getClientSecret() : "{" + ClientSecrets.ID + "}" + new ClientSecrets().encode(client.secret());
        RegisteredClient.Builder registration = RegisteredClient.withId(clientId).clientId(clientId)
                .clientName(clientId).clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder().requireProofKey(client.login())
                        .requireAuthorizationConsent(false).setting(ROLES, String.join(",", client.roles())).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl()).reuseRefreshTokens(false).build());
        if (existing != null) {
            registration.clientIdIssuedAt(existing.getClientIdIssuedAt());
        }
        if (client.service()) {
            registration.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        if (client.login()) {
            registration.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(client.redirectUris()))
                    .postLogoutRedirectUris(uris -> uris.addAll(client.postLogoutRedirectUris()))
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE);
        }
        clients.save(registration.build());
        return clientId;
    }

    /** The roles a client's own tokens carry. */
    public static List<String> roles(RegisteredClient client) {
        Object roles = client.getClientSettings().getSetting(ROLES);
        return roles instanceof String text && !text.isBlank() ? Arrays.asList(text.split(",")) : List.of();
    }

    /** A client per role for scripts on the local stack ({@code demo-engineer}, ...), each holding that role. */
    public void registerDemoClients(String secret, Map<String, String> roleByClient) {
        roleByClient.forEach((clientId, role) -> register(clientId,
                new AuthProperties.Client(secret, List.of(role), List.of(), List.of(), List.of())));
    }
}
