package io.modelway.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller) run from the Kafka jars as its own
 * JVM, on fixed ports. Its log directory is formatted once and kept, so a broker started again on the
 * same directory is the same cluster with the same topics and offsets: what a restart looks like to
 * clients. The local stack runs one; tests use one to take Kafka away and bring it back.
 */
public final class KafkaServerProcess {

    private final Process process;
    private final int port;

    private KafkaServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker on 127.0.0.1:{@code port} (controller on {@code controllerPort}) with its data under
     * {@code home}; {@code classpath} must hold the Kafka server jars and an SLF4J binding.
     */
    public static KafkaServerProcess start(Path home, int port, int controllerPort, String classpath, Path log,
            String heap) {
        return start(home, port, controllerPort, classpath, log, heap, QUICK);
    }

    /** The same, the broker's JVM with {@code jvmOptions} instead of {@link #QUICK} (its tools always use those). */
    public static KafkaServerProcess start(Path home, int port, int controllerPort, String classpath, Path log,
            String heap, List<String> jvmOptions) {
        try {
            Files.createDirectories(home);
            Path data = home.resolve("data");
            Path properties = home.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + data.toAbsolutePath(),
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    // One node: there is no other broker to hand partitions to before stopping.
                    "controlled.shutdown.enable=false",
                    "auto.create.topics.enable=true", ""));
            Path logback = home.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="kafka" level="WARN"/>
                      <logger name="org.apache.kafka" level="WARN"/>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            if (!Files.exists(data.resolve("meta.properties"))) {
                String clusterId = Uuid.randomUuid().toString();
                run(classpath, logback, List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                        properties.toString()));
            }
            List<String> broker = new ArrayList<>(jvmOptions);
            broker.addAll(List.of("-Xmx" + heap, "kafka.Kafka", properties.toString()));
            Process process = new ProcessBuilder(command(classpath, logback, broker))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new KafkaServerProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM, then SIGKILL after {@code timeout}). */
    public void stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One small broker for a test or a laptop, and its tools: the quick compiler and the serial collector start it
     * for a fraction of the CPU the defaults take, which other JVMs starting beside it need.
     */
    public static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> command(String classpath, Path logback, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classpath,
                "-Dlogback.configurationFile=" + logback));
        command.addAll(args);
        return command;
    }

    private static String run(String classpath, Path logback, List<String> args) throws IOException {
        List<String> tool = new ArrayList<>(QUICK);
        tool.addAll(args);
        Process process = new ProcessBuilder(command(classpath, logback, tool)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("Kafka " + args + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted running Kafka " + args, e);
        }
        return output;
    }
}
