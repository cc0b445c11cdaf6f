package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.ModelAliasChanged;
import io.modelway.core.events.ModelVersionRegistered;
import io.modelway.core.security.Role;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An event leaves when the transaction that recorded it commits, not at the relay's next poll: with the poll an
 * hour apart, a registration and an alias move still reach Kafka within seconds (an alias move is what serving
 * waits for to swap versions).
 */
@ServiceFlowTest(properties = "modelway.outbox.poll-interval=1h")
class OutboxWakeTests {

    @LocalServerPort
    int port;

    @Test
    void committedEventsAreSentWithoutWaitingForThePoll() {
        Http http = Http.local(port).as(TestIssuer.tokenOf(Role.OPS));
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("metadata", """
                {"runId":"0d3c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f","modelType":"classifier","dataset":"penguins",
                 "datasetVersion":1,"metrics":{"accuracy":0.9}}""".getBytes(StandardCharsets.UTF_8));
        parts.put("model.zip", "weights".getBytes(StandardCharsets.UTF_8));
        parts.put("pipeline.json", "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(http.postMultipart("/api/models/woken/versions", parts).status()).isEqualTo(201);
        assertThat(http.putJson("/api/models/woken/aliases/production", Map.of("version", 1)).status()).isEqualTo(200);

        String brokers = TestInfrastructure.get().kafkaBrokers();
        assertThat(EventProbe.await(brokers, "modelway.models", ModelVersionRegistered.class,
                e -> e.model().equals("woken"), 1, Duration.ofSeconds(15))).hasSize(1);
        assertThat(EventProbe.await(brokers, "modelway.models", ModelAliasChanged.class,
                e -> e.model().equals("woken"), 1, Duration.ofSeconds(15)))
                .extracting(ModelAliasChanged::version).containsExactly(1);
    }
}
