package io.modelway.auth.issuer;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.modelway.auth.clients.ClientSecrets;
import io.modelway.auth.users.UserAccounts;
import io.modelway.core.security.ApiKeyVerifier;
import io.modelway.core.security.CallerAuthentication;
import io.modelway.core.security.LocalCredentials;
import io.modelway.core.security.ResourceServerSecurity;
import io.modelway.core.security.RouteTable;
import io.modelway.core.security.SecurityProblems;
import io.modelway.core.security.SecurityProperties;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The issuer's three filter chains: the OAuth2 and OpenID Connect protocol endpoints (discovery, JWKS, authorize,
 * token, userinfo, logout); the Modelway API (API keys, users) as a resource server, where clients may also
 * authenticate with their secret (HTTP Basic) to check API keys; and the login form for everything else.
 * Clients, authorizations, consents and signing keys are all in PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class IssuerSecurity {

    /** What the API chain answers; the protocol endpoints and the login page are the other chains'. */
    private static final String[] API_PATHS = {"/api/**", "/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**",
        "/swagger-ui.html", "/swagger-ui/**", "/.well-known/oauth-protected-resource/**", "/actuator/**"};

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, TokenClaims claims) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context ->
                    new OidcUserInfo(claims.userInfo(context.getAuthorization().getPrincipalName())))));
        })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // The userinfo endpoint takes the access token as a bearer token.
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, RouteTable routes, CallerAuthentication callers,
            SecurityProblems problems, ClientBasicAuthentication clients, Environment environment) {
        http.securityMatcher(API_PATHS);
        return ResourceServerSecurity.apply(http, routes, callers, problems, environment)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .authenticationManager(clients)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain login(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/error", "/favicon.ico")
                        .permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
            RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.published();
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signing());
    }

    /** The issuer checks its own tokens against its own keys, with the same rules as every other service. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties security) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.published()).build();
        decoder.setJwtValidator(CallerAuthentication.validator(security));
        return decoder;
    }

    /** The API chain checks the issuer's own tokens and API keys without calling itself. */
    @Bean
    LocalCredentials localCredentials(JwtDecoder jwtDecoder, ApiKeyVerifier apiKeys) {
        return new LocalCredentials(jwtDecoder, apiKeys);
    }

    /** People's passwords with bcrypt; client secrets, long and random, with a salted SHA-256. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(),
                ClientSecrets.ID, new ClientSecrets()));
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts users) {
        return users.store();
    }
}
