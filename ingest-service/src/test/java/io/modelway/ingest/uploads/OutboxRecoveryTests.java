package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.security.Role;
import io.modelway.ingest.IngestApplication;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.KafkaServerProcess;
import io.modelway.test.Samples;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishing a version and announcing it cannot diverge: with the broker down the upload still succeeds,
 * its {@code DatasetVersionCreated} waits in the outbox, and it is sent once when a broker is back on the
 * same address. Uses a broker process of its own (the shared one must not stop), restarted on the same
 * directory: the same cluster, as after a real outage.
 */
class OutboxRecoveryTests {

    @TempDir
    Path home;

    @Test
    void eventWaitsInTheOutboxWhileKafkaIsDownAndIsSentOnceWhenItReturns() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        KafkaServerProcess broker = broker(port, controllerPort);
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
        properties.put("MODELWAY_KAFKA_BROKERS", broker.bootstrapServers());
        // Its own outbox: the relays of other ingest contexts in this JVM would send its event to their broker.
        properties.put("MODELWAY_DB_URL", TestInfrastructure.get().isolatedDatabase("outbox_recovery"));
        properties.put("PORT", "0");
        properties.put("MANAGEMENT_PORT", "0");
        properties.put("modelway.outbox.poll-interval", "200ms");
        // Fail fast while the broker is away, so the relay retries often instead of blocking a minute.
        properties.put("spring.cloud.stream.kafka.binder.producer-properties.max.block.ms", "1000");
        properties.put("spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms", "1000");
        properties.put("spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms", "2000");
        properties.put("spring.cloud.stream.kafka.binder.producer-properties.linger.ms", "0");

        ConfigurableApplicationContext ingest = new SpringApplicationBuilder(IngestApplication.class)
                .properties(properties).run();
        try {
            Http http = Http.local(ServiceStarter.port(ingest)).as(TestIssuer.tokenOf(Role.ENGINEER));
            Http metrics = Http.local(ServiceStarter.managementPort(ingest));
            broker.stop(Duration.ofSeconds(30));

            Http.Response upload = http.post("/api/datasets/outbox-penguins/uploads", "text/csv",
                    Samples.bytes("penguins.csv"));
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            Thread.sleep(3000);
            assertThat(pending(metrics)).as("events waiting while Kafka is down").isEqualTo(1.0);

            broker = broker(port, controllerPort);
            Await.until("the outbox to drain", Duration.ofSeconds(90), () -> pending(metrics) == 0.0);
            List<DatasetVersionCreated> events = EventProbe.await(broker.bootstrapServers(), "modelway.datasets",
                    DatasetVersionCreated.class, e -> e.dataset().equals("outbox-penguins"), 2, Duration.ofSeconds(5));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.version()).isEqualTo(1);
                assertThat(e.rowsReceived()).isEqualTo(344);
            });
        } finally {
            ingest.close();
            broker.stop(Duration.ofSeconds(30));
        }
    }

    private KafkaServerProcess broker(int port, int controllerPort) {
        KafkaServerProcess broker = KafkaServerProcess.start(home.resolve("kafka"), port, controllerPort,
                System.getProperty("java.class.path"), home.resolve("kafka.log"), "384m");
        Await.until("Kafka on port " + port, Duration.ofSeconds(60), () -> listening(port));
        return broker;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static double pending(Http http) {
        return http.metric("modelway_outbox_pending").orElse(-1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
