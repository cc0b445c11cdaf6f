package io.modelway.serving;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each serving route: client apps predict on all three protocols and send feedback; metadata is for
 * them and for everyone who reads. Health probes are open, as load balancers and MLflow clients expect. An API key
 * limited to models reaches only those models' routes (the model in the path, or MLflow's {@code ?model=}).
 */
@Configuration(proxyBeanMethods = false)
class ServingAccess {

    @Bean
    RouteTable routes() {
        Access predict = Access.role(Role.CLIENT);
        Access metadata = Access.role(Role.CLIENT, Role.VIEWER);
        return RouteTable.builder()
                .open("/v2/health/live", "/v2/health/ready", "/ping", "/health")
                .post("/api/models/{model}/predict", predict)
                .post("/api/models/{model}/versions/{version}/predict", predict)
                .post("/v2/models/{model}/infer", predict)
                .post("/v2/models/{model}/versions/{version}/infer", predict)
                .post("/invocations", predict.modelFromQuery())
                .post("/api/feedback", predict.modelCheckedByHandler())
                .get("/v2/models/{model}", metadata)
                .get("/v2/models/{model}/ready", metadata)
                .get("/v2/models/{model}/versions/{version}", metadata)
                .get("/v2/models/{model}/versions/{version}/ready", metadata)
                .get("/v2", metadata)
                .get("/version", metadata)
                .build();
    }
}
