package io.modelway.core.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.client.RestTemplate;

/**
 * How this service checks the credentials a request carries: tokens of the configured issuer (signature from its
 * JWKS, issuer, expiry and, when configured, audience; the JWKS address found on first use, so the service does
 * not wait for the issuer to start), and API keys with the issuer's introspection.
 */
public final class CallerAuthentication {

    private static final Logger log = LoggerFactory.getLogger(CallerAuthentication.class);

    private final AuthenticationManager manager;

    /** {@code jwt} and {@code keys} are this service's own, or null for the issuer's remote ones. */
    public CallerAuthentication(SecurityProperties properties, IdentityProvider issuer, JwtDecoder jwt,
            ApiKeyVerifier keys) {
        CheckedTokens tokens = new CheckedTokens(jwt != null ? jwt : remoteDecoder(properties, issuer),
                new TokenIdentity(properties.rolesClaim()));
        ApiKeyVerifier apiKeys = keys != null ? keys : remoteKeys(properties);
        this.manager = CallerCredentials.manager(authentication -> {
            try {
                return tokens.authenticate((BearerTokenAuthenticationToken) authentication);
            } catch (JwtDecoderInitializationException e) {
                throw new IdentityProviderUnavailable("the issuer " + properties.issuer() + " cannot be reached: "
                        + e.getCause().getMessage(), e);
            }
        }, apiKeys);
    }

    public AuthenticationManager manager() {
        return manager;
    }

    /** The checks every Modelway service makes of a token, beyond its signature. */
    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        if (properties.audience() != null) {
            checks.add(new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(properties.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    private static ApiKeyVerifier remoteKeys(SecurityProperties properties) {
        if (properties.apiKeys() == null) {
            return null;
        }
        if (properties.clientId() == null || properties.clientSecret() == null) {
            log.warn("API keys are refused: checking them needs this service's client identity "
                    + "(MODELWAY_OIDC_CLIENT_ID and MODELWAY_OIDC_CLIENT_SECRET)");
            return null;
        }
        return new RemoteApiKeys(properties);
    }

    private static JwtDecoder remoteDecoder(SecurityProperties properties, IdentityProvider issuer) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri())
                    .restOperations(new RestTemplate(IdentityProvider.requests(properties))).build();
            decoder.setJwtValidator(validator(properties));
            return decoder;
        });
    }
}
