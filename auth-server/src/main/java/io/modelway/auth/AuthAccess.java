package io.modelway.auth;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call each route of the issuer's API; the protocol endpoints and the login page follow OAuth2 itself. */
@Configuration(proxyBeanMethods = false)
class AuthAccess {

    static final String INTROSPECT_SCOPE = "api-keys.introspect";

    @Bean
    RouteTable routes() {
        return RouteTable.builder()
                .post("/api/api-keys/introspect", Access.role(Role.ADMIN).orScope(INTROSPECT_SCOPE))
                .get("/api/api-keys", Access.role(Role.ADMIN))
                .post("/api/api-keys", Access.role(Role.ADMIN))
                .get("/api/api-keys/{id}", Access.role(Role.ADMIN))
                .delete("/api/api-keys/{id}", Access.role(Role.ADMIN))
                .get("/api/users", Access.role(Role.ADMIN))
                .post("/api/users", Access.role(Role.ADMIN))
                .get("/api/users/{username}", Access.role(Role.ADMIN))
                .put("/api/users/{username}", Access.role(Role.ADMIN))
                .delete("/api/users/{username}", Access.role(Role.ADMIN))
                .build();
    }
}
