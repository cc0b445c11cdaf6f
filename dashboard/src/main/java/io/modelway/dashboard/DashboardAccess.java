package io.modelway.dashboard;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each dashboard route. The console's pages and its gateway are for anyone with a role: the gateway
 * forwards the caller's own token, so each service decides what they may read or do. Drift, live accuracy and the
 * overview are readings.
 */
@Configuration(proxyBeanMethods = false)
class DashboardAccess {

    @Bean
    RouteTable routes() {
        Access anyone = Access.anyRole();
        return RouteTable.builder()
                .open("/login", "/favicon.ico")
                .get("/", anyone)
                .get("/index.html", anyone)
                .get("/console.css", anyone)
                .get("/js/**", anyone)
                .get("/api/console/me", anyone)
                .route(null, "/api/console/{service}/api/**", anyone)
                .get("/api/overview", Access.role(Role.VIEWER))
                .get("/api/drift/{model}", Access.role(Role.VIEWER))
                .get("/api/live-accuracy/{model}", Access.role(Role.VIEWER))
                .build();
    }
}
