package io.modelway.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller), run from the Kafka jars as its own
 * JVM. The log directory is formatted once and kept, so topics and offsets survive a restart.
 */
final class KafkaBroker {

    private final StackLayout layout;
    private final Path home;

    KafkaBroker(StackLayout layout) {
        this.layout = layout;
        this.home = layout.dir("kafka");
    }

    Process start() throws IOException, InterruptedException {
        Path data = home.resolve("data");
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + StackLayout.KAFKA_CONTROLLER_PORT,
                "listeners=PLAINTEXT://127.0.0.1:" + StackLayout.KAFKA_PORT + ",CONTROLLER://127.0.0.1:"
                        + StackLayout.KAFKA_CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + StackLayout.KAFKA_PORT,
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
            String clusterId = run(List.of("kafka.tools.StorageTool", "random-uuid")).strip();
            clusterId = clusterId.lines().reduce((a, b) -> b).orElse(clusterId).strip();
            run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()));
        }
        return new ProcessBuilder(command(List.of("-Xmx512m", "kafka.Kafka", properties.toString()), logback))
                .redirectErrorStream(true)
                .redirectOutput(layout.logs().resolve("kafka.log").toFile())
                .start();
    }

    private List<String> command(List<String> args, Path logback) {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), "-cp", layout.libClasspath(),
                "-Dlogback.configurationFile=" + logback));
        command.addAll(args);
        return command;
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(args, home.resolve("logback.xml"))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("Kafka " + args + " failed:\n" + output));
        }
        return output;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
