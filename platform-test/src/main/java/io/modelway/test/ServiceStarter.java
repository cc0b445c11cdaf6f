package io.modelway.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one Modelway service in this JVM, for tests that need several services side by side: its own
 * {@code application.yml} (read from its module, since every module's sits at the same classpath root), the
 * shared real infrastructure, a random port, and {@code extra} properties (use the environment variable
 * names the yml reads, such as {@code MODELWAY_REGISTRY_URL}: plain keys would lose to the yml's values).
 */
public final class ServiceStarter {

    private ServiceStarter() {
    }

    public static ConfigurableApplicationContext start(Class<?> application, String module, Map<String, String> extra) {
        return start(module, extra, List.of(), application);
    }

    /**
     * As above, from several sources (the application and test configurations) and with command-line
     * {@code args}, which win over the yml's own values (a binding's consumer group, say).
     */
    public static ConfigurableApplicationContext start(String module, Map<String, String> extra, List<String> args,
            Class<?>... sources) {
        Path config = Path.of("..", module, "src", "main", "resources", "application.yml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("Missing " + config);
        }
        Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.get().properties());
        properties.put("spring.config.location", "file:" + config);
        properties.put("PORT", "0");
        properties.put("modelway.outbox.poll-interval", "100ms");
        properties.putAll(extra);
        return new SpringApplicationBuilder(sources).properties(properties).run(args.toArray(String[]::new));
    }

    /** A port nothing listens on now, for a service that must know its own address before it starts (the issuer). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of the service's management server (metrics), when it runs one of its own. */
    public static int managementPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
