package io.modelway.dashboard.console;

import io.modelway.core.security.IdentityProvider;
import io.modelway.core.security.SecurityProperties;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The console as an OpenID Connect client of the issuer: authorization code with PKCE, as the dashboard's own
 * (confidential) client. Built from the issuer's discovery document on first login, so the dashboard starts while
 * the issuer is still starting. The browser is sent to the issuer's own address; the dashboard calls its token,
 * JWKS and userinfo endpoints where it reaches them ({@link SecurityProperties#internalUrl()}).
 */
final class ConsoleLogin implements ClientRegistrationRepository {

    static final String REGISTRATION = "modelway";

    private final SecurityProperties properties;
    private final IdentityProvider issuer;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    ConsoleLogin(SecurityProperties properties, IdentityProvider issuer) {
        this.properties = properties;
        this.issuer = issuer;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration.get();
        if (known == null) {
            known = build();
            registration.compareAndSet(null, known);
        }
        return known;
    }

    private ClientRegistration build() {
        if (properties.clientId() == null || properties.clientSecret() == null) {
            throw new IllegalStateException("The console logs people in as the dashboard's client: set "
                    + "MODELWAY_OIDC_CLIENT_ID and MODELWAY_OIDC_CLIENT_SECRET");
        }
        Map<String, Object> discovery = issuer.configuration();
        return ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .authorizationUri(String.valueOf(discovery.get("authorization_endpoint")))
                .tokenUri(issuer.tokenUri())
                .jwkSetUri(issuer.jwksUri())
                .userInfoUri(properties.reachable(String.valueOf(discovery.get("userinfo_endpoint"))))
                .userNameAttributeName("preferred_username")
                .issuerUri(properties.issuer())
                .providerConfigurationMetadata(discovery)
                .clientName("Modelway")
                .build();
    }
}
