package io.modelway.core.web;

import io.modelway.core.security.CallerCredentials;
import io.modelway.core.security.RouteTable;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every service's OpenAPI document says beyond its routes: a title naming the service, the two ways to
 * authenticate (a bearer token, an API key in {@code X-API-Key}) so Swagger UI can try the routes, which routes are
 * open, and the problem+json answers each route can give (400 bad input, 401 no or bad credentials, 403 a role the
 * caller lacks, 404 nothing at that path).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer modelwayApiDocs(Environment environment, ObjectProvider<RouteTable> routes) {
        String service = environment.getProperty("spring.application.name", "service");
        return api -> {
            api.info(new Info().title("Modelway " + service).version(version())
                    .description("The " + service + " API of Modelway. Every route but the probes and these documents "
                            + "needs a bearer token of the configured OpenID Connect issuer, or an API key."));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("An access token of the issuer"));
            components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(CallerCredentials.API_KEY_HEADER)
                    .description("An API key, mw_..., also accepted as a bearer token"));
            components.addSchemas(PROBLEM, problem());
            api.components(components);
            if (api.getPaths() == null) {
                return;
            }
            RouteTable table = routes.getIfAvailable();
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, method, operation, table)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation, RouteTable routes) {
        boolean open = routes != null && routes.lookup(method.name(), path.replaceAll("\\{[^}]+}", "x")).open();
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (open) {
            operation.setSecurity(List.of());
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)));
            responses.putIfAbsent("401", problem("No credentials, or a token or key that is not valid"));
            responses.putIfAbsent("403", problem("The caller lacks the role this route needs (named in role)"));
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            responses.putIfAbsent("400", problem("Bad input; field names the part at fault"));
        }
        if (path.contains("{")) {
            responses.putIfAbsent("404", problem("Nothing at this path"));
        }
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().example("about:blank"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema());
        properties.put("field", new StringSchema().description("The part of the request at fault"));
        properties.put("role", new StringSchema().description("On a 403: the role (or scope) the route needs"));
        properties.put("errors", new ArraySchema().items(new ObjectSchema()).description("Every problem found"));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties)
                .required(List.of("title", "status"));
    }

    private static String version() {
        String version = ApiDocs.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
