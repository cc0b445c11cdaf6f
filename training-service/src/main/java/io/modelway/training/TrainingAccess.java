package io.modelway.training;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call each training route: everyone with a role reads specs and runs; engineers write specs and start runs. */
@Configuration(proxyBeanMethods = false)
class TrainingAccess {

    @Bean
    RouteTable routes() {
        return RouteTable.builder()
                .get("/api/training-specs/**", Access.role(Role.VIEWER))
                .get("/api/training-runs/**", Access.role(Role.VIEWER))
                .put("/api/training-specs/{model}", Access.role(Role.ENGINEER))
                .delete("/api/training-specs/{model}", Access.role(Role.ENGINEER))
                .post("/api/training-runs", Access.role(Role.ENGINEER))
                .post("/api/training-runs/{runId}/promotion", Access.role(Role.ENGINEER))
                .build();
    }
}
