package io.modelway.core.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's routes and who may call each: the one place a service declares its access rules. The first route
 * whose method and path pattern match decides; a route no rule covers is closed to everyone, so a new endpoint is
 * unreachable until it is given a rule. Open routes (probes, API documents) need no credentials. A refusal says
 * what the route needs, for the problem document the caller gets.
 */
public final class RouteTable implements AuthorizationManager<RequestAuthorizationContext> {

    /** Open on every service: probes, the API documents and Swagger UI, OAuth protected-resource metadata. */
    public static final List<String> ALWAYS_OPEN = List.of("/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/.well-known/oauth-protected-resource/**", "/error");

    private static final Access OPEN = null;
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private record Route(HttpMethod method, PathPattern pattern, Access access) {
    }

    /** A route's decision for one request: what it needed, and why it refused. */
    public static final class RouteDecision extends AuthorizationDecision {

        private final transient Access.Need need;
        private final String reason;
        private final String field;

        RouteDecision(boolean granted, Access.Need need, String reason, String field) {
            super(granted);
            this.need = need;
            this.reason = reason;
            this.field = field;
        }

        /** What the route needs; null for a route no rule covers or an open one. */
        public Access.Need need() {
            return need;
        }

        public String reason() {
            return reason;
        }

        /** The part of the request at fault, when it is one ({@code model} for a key limited to other models). */
        public String field() {
            return field;
        }
    }

    /** The outcome of looking a request up: no rule, an open route, or one that needs something. */
    public record Lookup(boolean covered, boolean open, Access.Need need, Map<String, String> variables,
            Access.ModelSource modelSource) {
    }

    private static final RouteDecision GRANTED = new RouteDecision(true, null, null, null);

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a request with this method and path (within the application) needs. */
    public Lookup lookup(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        HttpMethod asked = HttpMethod.valueOf(method);
        // HEAD is answered by the GET handler, so it obeys the GET rule.
        HttpMethod effective = asked == HttpMethod.HEAD ? HttpMethod.GET : asked;
        for (Route route : routes) {
            if (route.method() != null && !route.method().equals(effective)) {
                continue;
            }
            PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(container);
            if (match != null) {
                if (route.access() == OPEN) {
                    return new Lookup(true, true, null, match.getUriVariables(), null);
                }
                return new Lookup(true, false, route.access().need(match.getUriVariables()), match.getUriVariables(),
                        route.access().modelSource());
            }
        }
        return new Lookup(false, false, null, Map.of(), null);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // Error pages and forwards happen after the request itself was decided.
            return GRANTED;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Lookup lookup = lookup(request.getMethod(), path);
        if (!lookup.covered()) {
            return new RouteDecision(false, null, "No access rule covers " + request.getMethod() + " " + path, null);
        }
        if (lookup.open()) {
            return GRANTED;
        }
        Authentication caller = authentication.get();
        if (caller == null || TRUST.isAnonymous(caller) || !caller.isAuthenticated()) {
            return new RouteDecision(false, lookup.need(), "Credentials are needed", null);
        }
        if (!holds(caller, lookup.need())) {
            return new RouteDecision(false, lookup.need(), request.getMethod() + " " + path + " needs the role "
                    + lookup.need().describe() + "; " + caller.getName() + " has " + roles(caller), null);
        }
        if (caller instanceof ModelLimited limited && !limited.models().isEmpty()
                && lookup.modelSource() != Access.ModelSource.HANDLER) {
            String model = lookup.modelSource() == Access.ModelSource.QUERY ? queryParameter(request, "model")
                    : lookup.variables().get("model");
            if (model == null || !limited.allows(model)) {
                return new RouteDecision(false, lookup.need(), caller.getName() + " may act only on the models "
                        + limited.models().stream().sorted().toList()
                        + (model == null ? "; this route names no model" : ", not on '" + model + "'"), "model");
            }
        }
        return GRANTED;
    }

    private static boolean holds(Authentication caller, Access.Need need) {
        for (GrantedAuthority granted : caller.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority == null) {
                continue;
            }
            if (authority.startsWith("ROLE_")) {
                Optional<Role> role = Role.fromWire(authority.substring(5));
                if (role.isPresent() && need.roles().contains(role.get())) {
                    return true;
                }
            } else if (authority.startsWith("SCOPE_") && need.scopes().contains(authority.substring(6))) {
                return true;
            }
        }
        return false;
    }

    private static String roles(Authentication caller) {
        List<String> held = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        return held.isEmpty() ? "no Modelway role" : String.join(", ", held);
    }

    /** From the query string only: reading a form body here would consume what the handler must read. */
    private static String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Routes in the order they are tried; {@link RouteTable#ALWAYS_OPEN} comes first. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();

        private Builder() {
            ALWAYS_OPEN.forEach(this::open);
        }

        /** Open to anyone, with any method. */
        public Builder open(String... patterns) {
            for (String pattern : patterns) {
                routes.add(new Route(null, PathPatternParser.defaultInstance.parse(pattern), OPEN));
            }
            return this;
        }

        public Builder get(String pattern, Access access) {
            return route(HttpMethod.GET, pattern, access);
        }

        public Builder post(String pattern, Access access) {
            return route(HttpMethod.POST, pattern, access);
        }

        public Builder put(String pattern, Access access) {
            return route(HttpMethod.PUT, pattern, access);
        }

        public Builder delete(String pattern, Access access) {
            return route(HttpMethod.DELETE, pattern, access);
        }

        public Builder route(HttpMethod method, String pattern, Access access) {
            routes.add(new Route(method, PathPatternParser.defaultInstance.parse(pattern), access));
            return this;
        }

        public RouteTable build() {
            return new RouteTable(routes);
        }
    }
}
