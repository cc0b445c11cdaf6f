package io.modelway.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Access;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Walks every operation of a service's OpenAPI document and proves its access rule on the running service: no
 * credentials is a 401 with {@code WWW-Authenticate}, a caller without the role the route needs is a 403 naming that
 * role, and a caller with it gets past security. A route without a rule in the service's {@link RouteTable} fails
 * the walk, so a new endpoint cannot ship unguarded. Path variables take sample values, and the variables a rule
 * depends on ({@code alias}, {@code tag}) are walked with a protected and a plain value.
 */
public final class RouteWalk {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Map<String, List<String>> SAMPLES = Map.of(
            "alias", List.of("staging", "production"),
            "tag", List.of("owner", "serving.canary"),
            "version", List.of("1"),
            "runId", List.of("00000000-0000-0000-0000-000000000000"),
            "id", List.of("00000000-0000-0000-0000-000000000000"));

    private RouteWalk() {
    }

    /**
     * The route table as proven, one line per concrete route: {@code PUT /api/.../production -> ops}. {@code token}
     * gives a token holding one role, or no Modelway role for null.
     */
    public static List<String> check(int port, RouteTable routes, Function<Role, String> token) {
        JsonNode docs = Http.local(port).get("/v3/api-docs").json();
        assertThat(docs.path("info").path("title").asString()).as("the document names its service").startsWith("Modelway ");
        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-Key");
        JsonNode paths = docs.get("paths");
        assertThat(paths).as("the OpenAPI document lists routes").isNotEmpty();
        List<String> table = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().propertyNames().iterator(); methods.hasNext();) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                documented(path.getKey(), method, path.getValue().get(method.toLowerCase(Locale.ROOT)), routes);
                for (String concrete : concrete(path.getKey())) {
                    table.add(walk(port, routes, token, method, concrete));
                }
            }
        }
        return table;
    }

    private static String walk(int port, RouteTable routes, Function<Role, String> token, String method, String path) {
        String route = method + " " + path;
        RouteTable.Lookup lookup = routes.lookup(method, path.split("\\?")[0]);
        assertThat(lookup.covered()).as(route + " has an access rule").isTrue();
        if (lookup.open()) {
            return route + " -> open";
        }
        Access.Need need = lookup.need();
        Http.Response anonymous = send(Http.local(port), method, path);
        assertThat(anonymous.status()).as(route + " without credentials: " + anonymous.body()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).as(route + " says how to authenticate").startsWith("Bearer");
        assertThat(anonymous.contentType()).as(route).startsWith("application/problem+json");

        Role lacking = lacking(need);
        Http.Response refused = send(Http.local(port).as(token.apply(lacking)), method, path);
        assertThat(refused.status()).as(route + " as " + lacking + ": " + refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).as(route).startsWith("application/problem+json");
        assertThat(refused.json().path("role").asString()).as(route + " names the role it needs")
                .isEqualTo(need.describe());

        Role enough = need.roles().stream().sorted().findFirst().orElseThrow();
        Http.Response allowed = send(Http.local(port).as(token.apply(enough)), method, path);
        assertThat(allowed.status()).as(route + " as " + enough + ": " + allowed.body()).isNotIn(401, 403);
        return route + " -> " + need.describe() + " (401 without credentials, 403 as "
                + (lacking == null ? "no role" : lacking.wire()) + ")";
    }

    /** A guarded operation says how to authenticate and documents its 401 and 403 problems; an open one needs none. */
    private static void documented(String path, String method, JsonNode operation, RouteTable routes) {
        String route = method + " " + path;
        boolean open = routes.lookup(method, path.replaceAll("\\{[^}]+}", "x")).open();
        if (open) {
            assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                    .as(route + " is documented as open").isTrue();
            return;
        }
        assertThat(operation.path("security").toString()).as(route + " security").contains("bearer", "apiKey");
        for (String status : List.of("401", "403")) {
            assertThat(operation.path("responses").path(status).path("content").has("application/problem+json"))
                    .as(route + " documents its " + status + " problem").isTrue();
        }
    }

    /** The strongest role that carries none the route accepts; null (no role) when every role would do. */
    private static Role lacking(Access.Need need) {
        for (Role candidate : List.of(Role.OPS, Role.ENGINEER, Role.CLIENT, Role.VIEWER)) {
            if (Role.withImplied(List.of(candidate)).stream().noneMatch(need.roles()::contains)) {
                return candidate;
            }
        }
        return null;
    }

    private static Http.Response send(Http http, String method, String path) {
        return switch (method) {
            case "GET" -> http.get(path);
            case "DELETE" -> http.delete(path);
            case "PUT" -> http.put(path, "application/json", "{}".getBytes());
            default -> http.post(path, "application/json", "{}".getBytes());
        };
    }

    /** The path with each variable given each of its sample values. */
    private static Set<String> concrete(String template) {
        Set<String> paths = new LinkedHashSet<>(List.of(template));
        Matcher variables = VARIABLE.matcher(template);
        while (variables.find()) {
            String name = variables.group(1);
            Set<String> next = new LinkedHashSet<>();
            for (String path : paths) {
                for (String value : SAMPLES.getOrDefault(name, List.of("walk-" + name.toLowerCase(Locale.ROOT)))) {
                    next.add(path.replace("{" + name + "}", value));
                }
            }
            paths = next;
        }
        return paths;
    }
}
