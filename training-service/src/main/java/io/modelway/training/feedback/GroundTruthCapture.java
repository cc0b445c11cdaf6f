package io.modelway.training.feedback;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.training.specs.SpecRepository;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code labelledPredictions} consumer of {@code modelway.ground-truth}: every prediction the monitor joined
 * with its true label is kept once per model and request id (a redelivery or a second join is counted as
 * {@code repeated}), for the feedback policy of the model's spec. A model without a spec has no dataset to learn
 * into: its rows are counted ({@code no_spec}) and not kept. Counted in
 * {@code modelway_ground_truth_rows_total{model,outcome}}.
 */
@Configuration(proxyBeanMethods = false)
class GroundTruthCapture {

    @Bean
    Consumer<Message<byte[]>> labelledPredictions(GroundTruthRepository rows, SpecRepository specs,
            MeterRegistry meters) {
        return message -> {
            if (!(EventMessages.read(message) instanceof LabelledPrediction labelled)) {
                return;
            }
            String outcome;
            if (specs.find(labelled.model()).isEmpty()) {
                outcome = "no_spec";
            } else {
                outcome = rows.insert(labelled) ? "kept" : "repeated";
            }
            meters.counter("modelway_ground_truth_rows", "model", labelled.model(), "outcome", outcome).increment();
        };
    }
}
