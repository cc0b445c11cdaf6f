package io.modelway.core.security;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.web.ApiDocs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.client.RestClient;

/**
 * What every service needs to know callers: the issuer it trusts, how credentials are checked, how refusals are
 * answered, and its own client identity for calls to other services. The issuer, which checks tokens and keys
 * itself, declares {@link LocalCredentials}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(ApiDocs.class)
public class ModelwayIdentity {

    @Bean
    IdentityProvider identityProvider(SecurityProperties properties) {
        return new IdentityProvider(properties);
    }

    @Bean
    CallerAuthentication callerAuthentication(SecurityProperties properties, IdentityProvider issuer,
            ObjectProvider<LocalCredentials> local) {
        LocalCredentials own = local.getIfAvailable();
        return new CallerAuthentication(properties, issuer, own == null ? null : own.tokens(),
                own == null ? null : own.keys());
    }

    @Bean
    SecurityProblems securityProblems() {
        return new SecurityProblems();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new RejectedPaths();
    }

    @Bean
    HttpFirewall httpFirewall() {
        return HeaderChecks.firewall();
    }

    @Bean
    ServiceTokens serviceTokens(SecurityProperties properties, IdentityProvider issuer) {
        return new ServiceTokens(properties, issuer);
    }

    @Bean
    ServiceClients serviceClients(RestClient.Builder builder, ServiceTokens tokens) {
        return new ServiceClients(builder, tokens);
    }

    /** Per-request observations of the filter chain would cost the hot paths; HTTP metrics already time requests. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
