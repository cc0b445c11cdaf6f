package io.modelway.core.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service as an OAuth2 resource server: every request is authorised by the service's {@link RouteTable}, with
 * the bearer token or API key it carries; no sessions, no cookies, so no cross-site request forgery to defend.
 */
@Configuration(proxyBeanMethods = false)
@Import(ModelwayIdentity.class)
public class ResourceServerSecurity {

    @Bean
    SecurityFilterChain modelwaySecurity(HttpSecurity http, RouteTable routes, CallerAuthentication callers,
            SecurityProblems problems, Environment environment) {
        return apply(http, routes, callers, problems, environment)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    /** The bearer and API key checks and the route table, for a service that adds to its chain (the console). */
    public static HttpSecurity apply(HttpSecurity http, RouteTable routes, CallerAuthentication callers,
            SecurityProblems problems, Environment environment) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(new ManagementRequests(environment)).permitAll()
                        .anyRequest().access(routes))
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new CallerCredentials())
                        .authenticationManagerResolver(request -> callers.manager())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
