package io.modelway.dashboard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.PredictionLogged;
import io.modelway.dashboard.DashboardApplication;
import io.modelway.test.Samples;
import io.modelway.test.ServiceStarter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A dashboard whose broker goes away (a broker of its own, so the rest of the suite keeps its) between reading a
 * window's predictions and sending the window: the send fails at its deadline, the window stays open and is sent
 * with the next prediction, and one that can never be sent is given up, counted, after four windows' rows.
 */
class BrokerOutageTests {

    private static PredictionLogged prediction(int rows) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<Map<String, String>> penguins = Samples.completeRows("penguins.csv");
        for (int i = 0; i < rows; i++) {
            Map<String, String> row = penguins.get(i % penguins.size());
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("Island", row.get("Island"));
            input.put("Body Mass (g)", Double.parseDouble(row.get("Body Mass (g)")));
            inputs.add(input);
        }
        return new PredictionLogged(UUID.randomUUID(), Instant.now(), "r", "unsent", 1, PredictionLogged.PRIMARY, inputs,
                List.of(), 1.0);
    }

    @Test
    void aWindowThatCannotBeSentStaysOpenAndIsGivenUpCountedWhenItGrowsTooLarge() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        boolean brokerUp = true;
        try (ConfigurableApplicationContext dashboard = ServiceStarter.start("dashboard", Map.of(
                "MODELWAY_KAFKA_BROKERS", broker.getBrokersAsString(), "MODELWAY_KAFKA_SEND_TIMEOUT_MS", "1000",
                "MODELWAY_DRIFT_WINDOW_ROWS", "300"), List.of(), DashboardApplication.class, StandInLookups.class)) {
            DriftMonitor monitor = dashboard.getBean(DriftMonitor.class);
            long[] offset = {0};
            MeterRegistry meters = dashboard.getBean(MeterRegistry.class);
            monitor.observe(0, offset[0]++, prediction(300));
            assertThat(monitor.history("unsent")).as("sent while the broker is up").hasSize(1);

            broker.destroy();
            brokerUp = false;
            long started = System.nanoTime();
            monitor.observe(0, offset[0]++, prediction(300));
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(seconds).as("the failed send returns at its deadline").isLessThan(15.0);
            assertThat(monitor.history("unsent")).as("not sent, so not closed").hasSize(1);
            monitor.observe(0, offset[0]++, prediction(300));
            monitor.observe(0, offset[0]++, prediction(300));
            assertThat(monitor.history("unsent")).hasSize(1);
            assertThat(meters.find("modelway_drift_windows_dropped").tag("reason", "not_sent").counter()).isNull();

            // Four windows' rows that could not be sent: given up, counted, and a new window starts.
            monitor.observe(0, offset[0]++, prediction(300));
            assertThat(meters.find("modelway_drift_windows_dropped").tag("model", "unsent").tag("reason", "not_sent")
                    .counter().count()).isEqualTo(1.0);
            System.out.printf("Broker down: a drift window's send failed after %.1f s, the window stayed open for 3 more"
                    + " predictions and was given up at 1,200 rows%n", seconds);
        } finally {
            if (brokerUp) {
                broker.destroy();
            }
        }
    }
}
