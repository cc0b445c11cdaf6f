package io.modelway.dashboard.console;

import io.modelway.core.security.CallerAuthentication;
import io.modelway.core.security.IdentityProvider;
import io.modelway.core.security.ResourceServerSecurity;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.core.security.SecurityProblems;
import io.modelway.core.security.SecurityProperties;
import io.modelway.core.security.TokenIdentity;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The dashboard's two kinds of caller. People log in to the console through the issuer (authorization code with
 * PKCE); their tokens stay in the server-side session, whose cookie is {@code HttpOnly} and {@code SameSite=Lax}.
 * Scripts call the dashboard's API with a bearer token, as every service's. Both go through the dashboard's route
 * table. The console's actions also need the header {@code X-Modelway-Console}, which a page on another site cannot
 * send, so the session cookie alone never acts (no CSRF token needed); logging out needs it too.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    private static final String LOGIN = "/oauth2/authorization/" + ConsoleLogin.REGISTRATION;

    @Bean
    SecurityFilterChain console(HttpSecurity http, RouteTable routes, CallerAuthentication callers,
            SecurityProblems problems, Environment environment, ClientRegistrationRepository login,
            OAuth2AuthorizedClientRepository authorizedClients, SecurityProperties properties) {
        RequestMatcher pages = request -> !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        AuthenticationEntryPoint entry = DelegatingAuthenticationEntryPoint.builder().defaultEntryPoint(problems)
                .addEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), pages).build();
        HttpSessionRequestCache afterLogin = new HttpSessionRequestCache();
        afterLogin.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && pages.matches(request));
        RequestMatcher logout = request -> HttpMethod.POST.matches(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/logout")
                && request.getHeader(ConsoleGateway.CONSOLE_HEADER) != null;
        return ResourceServerSecurity.apply(http, routes, callers, problems, environment)
                .oauth2Login(oauth -> oauth.clientRegistrationRepository(login)
                        .authorizedClientRepository(authorizedClients)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(roles(properties))))
                .logout(out -> out.logoutRequestMatcher(logout).logoutSuccessHandler(new ConsoleLogout(login)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entry))
                .requestCache(cache -> cache.requestCache(afterLogin))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(SecurityProperties properties, IdentityProvider issuer) {
        return new ConsoleLogin(properties, issuer);
    }

    /** A person's tokens live in their session only: nothing to share, nothing left behind when it ends. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode()
                .refreshToken().build());
        return manager;
    }

    /** A person's roles, read from their ID token where the issuer puts them, with the roles each carries. */
    private static GrantedAuthoritiesMapper roles(SecurityProperties properties) {
        TokenIdentity identity = new TokenIdentity(properties.rolesClaim());
        return authorities -> {
            Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Role.withImplied(identity.roles(oidc.getIdToken().getClaims()))
                            .forEach(role -> mapped.add(new SimpleGrantedAuthority(role.authority())));
                }
            }
            return mapped;
        };
    }
}
