package io.modelway.training.triggers;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.api.training.DriftDecision;
import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.events.DriftMeasured;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.events.TrainingRequested;
import io.modelway.core.idempotency.ProcessedEvents;
import io.modelway.training.drift.DriftDecisions;
import io.modelway.training.runs.RunQueue;
import io.modelway.training.specs.SpecRepository;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event triggers: a new dataset version queues a run of every spec that trains on it with the
 * {@code new-data} trigger; a {@link TrainingRequested} queues a run of its model; a measured drift window
 * ({@link DriftMeasured}) goes to the {@link DriftDecisions}, counted in
 * {@code modelway_drift_retrains_total{model,outcome}}. Each event is processed once: the processed-event mark
 * and what it queued or decided commit together.
 */
@Configuration(proxyBeanMethods = false)
class TrainingTriggers {

    private static final Logger log = LoggerFactory.getLogger(TrainingTriggers.class);

    @Bean
    Consumer<Message<byte[]>> datasetEvents(SpecRepository specs, RunQueue queue, ProcessedEvents processed,
            TransactionTemplate transactions) {
        return message -> {
            if (!(EventMessages.read(message) instanceof DatasetVersionCreated event)) {
                return;
            }
            transactions.executeWithoutResult(s -> {
                if (!processed.markProcessed("datasetEvents", event.eventId())) {
                    return;
                }
                for (TrainingSpec spec : specs.forDataset(event.dataset())) {
                    if (spec.triggeredBy("new-data")) {
                        queue.enqueue(spec.model(), "new-data", event.version(), "trigger:new-data");
                        log.info("{} v{} queued a run of {}", event.dataset(), event.version(), spec.model());
                    }
                }
            });
        };
    }

    @Bean
    Consumer<Message<byte[]>> trainingRequests(SpecRepository specs, RunQueue queue, DriftDecisions drift,
            ProcessedEvents processed, TransactionTemplate transactions, MeterRegistry meters) {
        return message -> {
            ModelwayEvent read = EventMessages.read(message);
            if (read instanceof DriftMeasured window) {
                DriftDecision decision = transactions.execute(s -> processed.markProcessed("driftWindows",
                        window.eventId()) ? drift.decide(window) : null);
                if (decision != null) {
                    meters.counter("modelway_drift_retrains", "model", decision.model(), "outcome",
                            decision.outcome().tag()).increment();
                }
                return;
            }
            if (!(read instanceof TrainingRequested event)) {
                return;
            }
            transactions.executeWithoutResult(s -> {
                if (!processed.markProcessed("trainingRequests", event.eventId())) {
                    return;
                }
                TrainingSpec spec = specs.find(event.model()).orElseThrow(() -> new IllegalArgumentException(
                        "TrainingRequested for model '" + event.model() + "' which has no training spec"));
                if (!spec.triggeredBy(event.reason()) && !TrainingRun.MANUAL.equals(event.reason())) {
                    log.info("Ignoring {} request for {}: the spec does not list that trigger", event.reason(), spec.model());
                    return;
                }
                queue.enqueue(spec.model(), event.reason(), event.datasetVersion(), "trigger:" + event.reason());
            });
        };
    }
}
