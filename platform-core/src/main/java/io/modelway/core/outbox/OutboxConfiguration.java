package io.modelway.core.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.idempotency.ProcessedEvents;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imported by services that publish events from database changes or consume events idempotently.
 * The service's Flyway migrations must create the {@code outbox} and {@code processed_events} tables; both are
 * pruned after their retention ({@link OutboxRetention}).
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay::wake);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, StreamBridge streamBridge, TransactionTemplate transactions,
            MeterRegistry meters) {
        OutboxRelay relay = new OutboxRelay(jdbc, streamBridge, transactions);
        Gauge.builder("modelway_outbox_pending", relay, OutboxRelay::pending)
                .description("Events committed to the database and not yet acknowledged by Kafka")
                .register(meters);
        return relay;
    }

    @Bean
    OutboxRetention outboxRetention(JdbcClient jdbc, MeterRegistry meters,
            @Value("${modelway.outbox.retention:7d}") Duration outbox,
            @Value("${modelway.idempotency.retention:14d}") Duration processed) {
        return new OutboxRetention(jdbc, outbox, processed, meters);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
