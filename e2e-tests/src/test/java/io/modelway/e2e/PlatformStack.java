package io.modelway.e2e;

import io.modelway.dashboard.DashboardApplication;
import io.modelway.ingest.IngestApplication;
import io.modelway.registry.RegistryApplication;
import io.modelway.serving.ServingApplication;
import io.modelway.test.ServiceStarter;
import io.modelway.training.TrainingApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The five services as separate Spring contexts in this JVM, each configured by its own module's
 * application.yml (the classpath holds five of them, so each is named by file), on random ports, wired
 * to each other by URL and to the real test infrastructure.
 */
final class PlatformStack implements AutoCloseable {

    private static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<Integer, ConfigurableApplicationContext> byPort = new LinkedHashMap<>();
    final int registry;
    final int ingest;
    final int training;
    final int serving;
    final int dashboard;

    PlatformStack() {
        registry = start(RegistryApplication.class, "model-registry", Map.of());
        ingest = start(IngestApplication.class, "ingest-service", Map.of());
        training = start(TrainingApplication.class, "training-service", Map.of(
                "MODELWAY_INGEST_URL", "http://127.0.0.1:" + ingest,
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry));
        serving = start(ServingApplication.class, "serving-api", Map.of(
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry,
                "modelway.serving.resync-interval", "2s",
                "spring.autoconfigure.exclude", NO_DATABASE));
        dashboard = start(DashboardApplication.class, "dashboard", Map.of(
                "MODELWAY_INGEST_URL", "http://127.0.0.1:" + ingest,
                "MODELWAY_TRAINING_URL", "http://127.0.0.1:" + training,
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registry,
                "MODELWAY_SERVING_URL", "http://127.0.0.1:" + serving,
                "MODELWAY_DRIFT_WINDOW_ROWS", "50",
                "spring.autoconfigure.exclude", NO_DATABASE));
    }

    private int start(Class<?> application, String module, Map<String, String> extra) {
        ConfigurableApplicationContext context = ServiceStarter.start(application, module, extra);
        contexts.add(context);
        int port = ServiceStarter.port(context);
        byPort.put(port, context);
        return port;
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
