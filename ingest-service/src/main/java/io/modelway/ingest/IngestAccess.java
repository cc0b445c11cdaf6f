package io.modelway.ingest;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each ingest route: everyone with a role reads datasets; engineers upload and declare schemas;
 * production rows with their true labels come from engineers or a client granted {@value #FEEDBACK_SCOPE}
 * (training-service, which holds the feedback policies).
 */
@Configuration(proxyBeanMethods = false)
class IngestAccess {

    static final String FEEDBACK_SCOPE = "datasets.feedback";

    @Bean
    RouteTable routes() {
        return RouteTable.builder()
                .get("/api/datasets/**", Access.role(Role.VIEWER))
                .post("/api/datasets/{dataset}/uploads", Access.role(Role.ENGINEER))
                .put("/api/datasets/{dataset}/schema", Access.role(Role.ENGINEER))
                .post("/api/datasets/{dataset}/labelled-rows", Access.role(Role.ENGINEER).orScope(FEEDBACK_SCOPE))
                .build();
    }
}
