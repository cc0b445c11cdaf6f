package io.modelway.registry;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each registry route. Everyone with a role reads. Engineers move, roll back and delete aliases and set
 * tags; the protected aliases and the {@code serving.*} tags, which change what serving answers, are for ops.
 * Registering a version by hand is for ops; training-service registers with the scope {@code models.register} and
 * its promotion gate moves an alias with {@code aliases.promote}. Everyone with a role reads the manifest signing
 * keys; admins rotate and retire them.
 */
@Configuration(proxyBeanMethods = false)
class RegistryAccess {

    static final String REGISTER_SCOPE = "models.register";
    static final String PROMOTE_SCOPE = "aliases.promote";

    @Bean
    RouteTable routes(RegistryProperties properties) {
        Access alias = Access.when("alias", properties.protectedAliases()::contains, Access.role(Role.OPS),
                Access.role(Role.ENGINEER));
        Access tag = Access.when("tag", t -> t.startsWith("serving."), Access.role(Role.OPS),
                Access.role(Role.ENGINEER));
        return RouteTable.builder()
                .get("/api/models/**", Access.role(Role.VIEWER))
                .post("/api/models/{model}/versions", Access.role(Role.OPS).orScope(REGISTER_SCOPE))
                .put("/api/models/{model}/aliases/{alias}", alias.orScope(PROMOTE_SCOPE))
                .post("/api/models/{model}/aliases/{alias}/rollback", alias)
                .delete("/api/models/{model}/aliases/{alias}", alias)
                .put("/api/models/{model}/tags/{tag}", tag)
                .delete("/api/models/{model}/tags/{tag}", tag)
                .put("/api/models/{model}/versions/{version}/tags/{tag}", tag)
                .delete("/api/models/{model}/versions/{version}/tags/{tag}", tag)
                .get("/api/signing-keys", Access.role(Role.VIEWER))
                .post("/api/signing-keys", Access.role(Role.ADMIN))
                .delete("/api/signing-keys/{keyId}", Access.role(Role.ADMIN))
                .build();
    }
}
