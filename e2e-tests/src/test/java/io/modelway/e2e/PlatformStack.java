package io.modelway.e2e;

import io.modelway.auth.AuthServerApplication;
import io.modelway.client.ClientCredentials;
import io.modelway.core.security.Role;
import io.modelway.dashboard.DashboardApplication;
import io.modelway.ingest.IngestApplication;
import io.modelway.registry.RegistryApplication;
import io.modelway.serving.ServingApplication;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.training.TrainingApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The issuer and the five services as separate Spring contexts in this JVM, each configured by its own module's
 * application.yml (the classpath holds six of them, so each is named by file), wired to each other by URL, to the
 * real test infrastructure, and to the real auth-server: every service trusts its tokens and calls the others as
 * its own client; the demo users and a client per role stand for people and scripts.
 */
final class PlatformStack implements AutoCloseable {

    static final String DEMO_PASSWORD = "demo-password-e2e";
    private static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
    /** Only auth-server is an authorization server, though its classes are on this shared classpath. */
    private static final String NO_ISSUER = "org.springframework.boot.security.oauth2.server.authorization.autoconfigure."
            + "servlet.OAuth2AuthorizationServerAutoConfiguration,org.springframework.boot.security.oauth2.server."
            + "authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";
    private static final Map<String, String> SECRETS = Map.of("model-registry", "registry-secret-e2e",
            "ingest-service", "ingest-secret-e2e", "training-service", "training-secret-e2e",
            "serving-api", "serving-secret-e2e", "dashboard", "dashboard-secret-e2e");

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<Integer, ConfigurableApplicationContext> byPort = new LinkedHashMap<>();
    private final Map<Role, String> tokens = new ConcurrentHashMap<>();
    final int auth;
    final int registry;
    final int ingest;
    final int training;
    final int serving;
    final int dashboard;
    final String issuer;

    PlatformStack() {
        auth = ServiceStarter.freePort();
        int dashboardPort = ServiceStarter.freePort();
        issuer = "http://127.0.0.1:" + auth;
        Map<String, String> issuerProperties = new LinkedHashMap<>(Map.of("PORT", Integer.toString(auth),
                "MODELWAY_OIDC_ISSUER", issuer, "MODELWAY_AUTH_DEMO", "true",
                "MODELWAY_AUTH_DEMO_PASSWORD", DEMO_PASSWORD,
                "MODELWAY_CONSOLE_URL", "http://127.0.0.1:" + dashboardPort));
        issuerProperties.put("MODELWAY_REGISTRY_CLIENT_SECRET", SECRETS.get("model-registry"));
        issuerProperties.put("MODELWAY_INGEST_CLIENT_SECRET", SECRETS.get("ingest-service"));
        issuerProperties.put("MODELWAY_TRAINING_CLIENT_SECRET", SECRETS.get("training-service"));
        issuerProperties.put("MODELWAY_SERVING_CLIENT_SECRET", SECRETS.get("serving-api"));
        issuerProperties.put("MODELWAY_DASHBOARD_CLIENT_SECRET", SECRETS.get("dashboard"));
        start(AuthServerApplication.class, "auth-server", issuerProperties);
        registry = start(RegistryApplication.class, "model-registry", Map.of());
        ingest = start(IngestApplication.class, "ingest-service", Map.of());
        training = start(TrainingApplication.class, "training-service", Map.of(
                "MODELWAY_INGEST_URL", "http://127.0.0.1:" + ingest,
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry));
        serving = start(ServingApplication.class, "serving-api", Map.of(
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry,
                "modelway.serving.resync-interval", "2s",
                "spring.autoconfigure.exclude", NO_DATABASE + "," + NO_ISSUER));
        Map<String, String> dashboardProperties = new LinkedHashMap<>(Map.of(
                "PORT", Integer.toString(dashboardPort),
                "MODELWAY_INGEST_URL", "http://127.0.0.1:" + ingest,
                "MODELWAY_TRAINING_URL", "http://127.0.0.1:" + training,
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry,
                "MODELWAY_SERVING_URL", "http://127.0.0.1:" + serving,
                "MODELWAY_DRIFT_WINDOW_ROWS", "50",
                "spring.autoconfigure.exclude", NO_DATABASE + "," + NO_ISSUER));
        dashboard = start(DashboardApplication.class, "dashboard", dashboardProperties);
    }

    private int start(Class<?> application, String module, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (application != AuthServerApplication.class) {
            properties.put("MODELWAY_OIDC_ISSUER", issuer);
            properties.put("MODELWAY_OIDC_CLIENT_SECRET", SECRETS.get(module));
            properties.put("spring.autoconfigure.exclude", NO_ISSUER);
        }
        properties.putAll(extra);
        ConfigurableApplicationContext context = ServiceStarter.start(application, module, properties);
        contexts.add(context);
        int port = ServiceStarter.port(context);
        byPort.put(port, context);
        return port;
    }

    /** The service on {@code port}, called with the token of the demo client holding {@code role}. */
    Http as(Role role, int port) {
        return Http.local(port).as(token(role));
    }

    /** An access token of {@code demo-<role>}, the local stack's client for scripts with that role. */
    String token(Role role) {
        return tokens.computeIfAbsent(role, r -> clientCredentials("demo-" + r.wire(), DEMO_PASSWORD));
    }

    /** A valid token that holds no Modelway role: ingest-service's own, which has only a scope. */
    String tokenWithoutRole() {
        return clientCredentials("ingest-service", SECRETS.get("ingest-service"));
    }

    private String clientCredentials(String client, String secret) {
        return ClientCredentials.of(URI.create(issuer + "/oauth2/token"), client, secret).get();
    }

    /** The running context on {@code port}. */
    ConfigurableApplicationContext context(int port) {
        return byPort.get(port);
    }

    /** The management port (metrics) of the service on {@code port}. */
    int managementPort(int port) {
        return ServiceStarter.managementPort(byPort.get(port));
    }

    /** Every HTTP route the service on {@code port} maps, as {@code "GET /api/..."}. */
    List<String> routes(int port) {
        List<String> routes = new ArrayList<>();
        byPort.get(port).getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(path ->
                        info.getMethodsCondition().getMethods().forEach(method -> routes.add(method + " " + path))));
        return routes;
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
