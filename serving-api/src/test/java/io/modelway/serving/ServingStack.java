package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.registry.RegistryApplication;
import io.modelway.test.Await;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * serving-api with a real model-registry behind it, both on the shared real infrastructure (KRaft broker,
 * S3Proxy, PostgreSQL), started once per test JVM. Models are registered through the registry's API, as a
 * training run registers them, and reach serving through its events.
 */
public final class ServingStack {

    private static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
    private static ServingStack instance;

    public final Http registry;
    public final Http serving;
    /** serving-api's management port: its metrics. */
    public final Http servingMetrics;
    public final ConfigurableApplicationContext servingContext;
    /** model-registry, for tests that change what it stores behind its back. */
    public final ConfigurableApplicationContext registryContext;

    private final int registryPort;

    private ServingStack() {
        registryContext = ServiceStarter.start(RegistryApplication.class, "model-registry", Map.of());
        registryPort = port(registryContext);
        servingContext = anotherServing(Map.of());
        registry = Http.local(registryPort).as(TestIssuer.tokenOf(Role.OPS));
        serving = Http.local(port(servingContext)).as(TestIssuer.tokenOf(Role.ENGINEER));
        servingMetrics = Http.local(ServiceStarter.managementPort(servingContext));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servingContext.close();
            registryContext.close();
        }));
    }

    public static synchronized ServingStack get() {
        if (instance == null) {
            instance = new ServingStack();
        }
        return instance;
    }

    /** One more serving-api on the same registry, with extra properties; the caller closes it. */
    public ConfigurableApplicationContext anotherServing(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "MODELWAY_REGISTRY_URL", "http://127.0.0.1:" + registryPort,
                "spring.autoconfigure.exclude", NO_DATABASE));
        all.putAll(properties);
        return ServiceStarter.start(ServingApplication.class, "serving-api", all);
    }

    public static int port(ConfigurableApplicationContext context) {
        return ServiceStarter.port(context);
    }

    /** Registers a version as a training run would and returns its number. */
    public int register(String model, TestModels.Artifacts artifacts) {
        return register(model, artifacts.modelZip(), artifacts.pipelineJson());
    }

    /** Registers a version from its two files, whatever they hold, and returns its number. */
    public int register(String model, byte[] modelZip, String pipelineJson) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", """
                {"modelType":"classifier","dataset":"penguins","datasetVersion":7}"""
                .getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", modelZip);
        parts.put("pipeline.json", pipelineJson.getBytes(StandardCharsets.UTF_8));
        Http.Response response = registry.postMultipart("/api/models/" + model + "/versions", parts);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("version").asInt();
    }

    public void alias(String model, String alias, int version) {
        Http.Response response = registry.putJson("/api/models/" + model + "/aliases/" + alias, Map.of("version", version));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    public void tag(String model, String tag, String value) {
        Http.Response response = value == null ? registry.delete("/api/models/" + model + "/tags/" + tag)
                : registry.putJson("/api/models/" + model + "/tags/" + tag, Map.of("value", value));
        assertThat(response.status()).as(response.body()).isIn(200, 204);
    }

    public Http.Response predict(String model, List<Map<String, Object>> instances) {
        return serving.postJson("/api/models/" + model + "/predict", Map.of("instances", instances));
    }

    /** Waits until serving answers {@code model} with {@code version} by default. */
    public void awaitServed(String model, int version) {
        Await.until(model + " v" + version + " to be served", Duration.ofSeconds(30),
                () -> serving.get("/v2/models/" + model),
                r -> r.status() == 200 && r.json().get("versions").get(0).asString().equals(Integer.toString(version)));
    }

    /** A complete, valid penguins record (a Gentoo). */
    public static Map<String, Object> gentoo() {
        Map<String, Object> gentoo = new LinkedHashMap<>();
        gentoo.put("Island", "Biscoe");
        gentoo.put("Beak Length (mm)", 46.1);
        gentoo.put("Beak Depth (mm)", 13.2);
        gentoo.put("Flipper Length (mm)", 211);
        gentoo.put("Body Mass (g)", 4500);
        gentoo.put("Sex", "FEMALE");
        return gentoo;
    }
}
