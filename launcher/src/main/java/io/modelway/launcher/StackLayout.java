package io.modelway.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the local stack keeps things: everything it writes lives under {@code .modelway/} in the
 * repository, so a second {@code up} finds the datasets, models and aliases of the first.
 */
record StackLayout(Path root) {

    /**
     * The services the pipeline runs through, in start order, with their default ports, heap and collector: the
     * serial one keeps the small services small; serving-api's young collections are its tail latency, which the
     * parallel one shortens.
     */
    static final List<Service> PIPELINE = List.of(
            new Service("auth-server", 8084, "256m", "-XX:+UseSerialGC"),
            new Service("model-registry", 8083, "384m", "-XX:+UseSerialGC"),
            new Service("ingest-service", 8081, "256m", "-XX:+UseSerialGC"),
            new Service("training-service", 8082, "1g", "-XX:+UseSerialGC"),
            new Service("serving-api", 8080, "768m", "-XX:+UseParallelGC"));
    /**
     * The console starts once the pipeline's services are up: on two cores they would otherwise share them. Its
     * monitor holds the predictions waiting for feedback, which outlive young collections: the serial collector
     * copied them at 88 ms a collection and the monitor fell behind serving; the parallel one takes 27 ms.
     */
    static final Service DASHBOARD = new Service("dashboard", 8090, "256m", "-XX:+UseParallelGC");
    static final List<Service> SERVICES = Stream.concat(PIPELINE.stream(), Stream.of(DASHBOARD)).toList();

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int S3_PORT = 9000;
    static final int POSTGRES_PORT = 5432;
    static final String ISSUER = "http://127.0.0.1:8084";
    static final String CONSOLE = "http://127.0.0.1:8090";

    record Service(String module, int port, String heap, String collector) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    Path state() {
        return root.resolve(".modelway");
    }

    Path dir(String name) {
        Path dir = state().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Path logs() {
        return dir("logs");
    }

    Path pidFile() {
        return state().resolve("launcher.pid");
    }

    Path jar(Service service) {
        Path target = root.resolve(service.module()).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar in " + target + ": run ./mvnw install"));
        } catch (IOException e) {
            throw new IllegalStateException("No build output in " + target + ": run ./mvnw -DskipTests install", e);
        }
    }

    /** The launcher's own runtime classpath (Kafka's jars among it), for the broker process. */
    String libClasspath() {
        return root.resolve("launcher").resolve("target").resolve("lib") + "/*";
    }
}
