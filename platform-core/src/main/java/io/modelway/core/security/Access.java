package io.modelway.core.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who may call a route: any of some roles, or a client granted one of some scopes; it may depend on the
 * request's path variables (a protected alias needs {@code ops}, any other {@code engineer}). A route of a model
 * ({@code {model}} in its path, or a {@code model} query parameter where {@link #modelFromQuery()} says so) is
 * also closed to API keys limited to other models; where the model is in the body, the handler checks it
 * ({@link #modelCheckedByHandler()}, with {@link ModelLimited#currentCallerMay}).
 */
public final class Access {

    /** What one request needs, once its path variables are known. */
    public record Need(Set<Role> roles, Set<String> scopes) {

        public Need {
            roles = Set.copyOf(roles);
            scopes = Set.copyOf(scopes);
        }

        /** The roles (and scopes) a refusal names: {@code ops}, {@code viewer or client}, {@code ops or scope x}. */
        public String describe() {
            List<String> any = new ArrayList<>();
            roles.stream().sorted().forEach(r -> any.add(r.wire()));
            scopes.stream().sorted().forEach(s -> any.add("scope " + s));
            return String.join(" or ", any);
        }
    }

    /** Where the model a route acts on is named, for API keys limited to models. */
    public enum ModelSource {
        PATH, QUERY, HANDLER
    }

    private final Function<Map<String, String>, Need> need;
    private final ModelSource model;

    private Access(Function<Map<String, String>, Need> need, ModelSource model) {
        this.need = need;
        this.model = model;
    }

    /** Callers holding any of {@code roles} (or a role that carries one of them). */
    public static Access role(Role... roles) {
        Need fixed = new Need(Set.of(roles), Set.of());
        return new Access(variables -> fixed, ModelSource.PATH);
    }

    /** Anyone holding a Modelway role, whichever: every role carries {@code viewer} or {@code client}. */
    public static Access anyRole() {
        return role(Role.VIEWER, Role.CLIENT);
    }

    /** {@code then} when the path variable {@code variable} passes {@code test}, else {@code otherwise}. */
    public static Access when(String variable, Predicate<String> test, Access then, Access otherwise) {
        return new Access(variables -> test.test(variables.getOrDefault(variable, ""))
                ? then.need(variables) : otherwise.need(variables), then.model);
    }

    /** As this, or a client granted {@code scope}. */
    public Access orScope(String scope) {
        return new Access(variables -> {
            Need base = need(variables);
            Set<String> scopes = new LinkedHashSet<>(base.scopes());
            scopes.add(scope);
            return new Need(base.roles(), scopes);
        }, model);
    }

    /** The model of the route is the {@code model} query parameter (MLflow's scoring route names it there). */
    public Access modelFromQuery() {
        return new Access(need, ModelSource.QUERY);
    }

    /** The model is in the request body, which only the handler reads: it checks the caller may act on it. */
    public Access modelCheckedByHandler() {
        return new Access(need, ModelSource.HANDLER);
    }

    Need need(Map<String, String> variables) {
        return need.apply(variables);
    }

    ModelSource modelSource() {
        return model;
    }
}
