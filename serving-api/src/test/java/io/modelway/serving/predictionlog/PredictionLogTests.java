package io.modelway.serving.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelway.core.events.PredictionLogged;
import io.modelway.serving.ServingProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** With Kafka out of reach the prediction log holds at most its bytes, and counts every prediction it drops. */
class PredictionLogTests {

    static PredictionLogged prediction(int instances) {
        Map<String, Object> input = Map.of("Island", "Biscoe", "Beak Length (mm)", 46.1, "Sex", "FEMALE");
        return new PredictionLogged(UUID.randomUUID(), Instant.now(), "m:1:" + UUID.randomUUID(), "m", 1, "primary",
                Collections.nCopies(instances, input), Collections.nCopies(instances, Map.of("label", "Gentoo")), 0.1);
    }

    @Test
    void aQueueOfBytesDropsAndCountsWhatDoesNotFit() throws InterruptedException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ServingProperties properties = new ServingProperties(null, null, null, 0, null, null, 0,
                new ServingProperties.PredictionLog(DataSize.ofKilobytes(64)), null, null);
        // Nothing listens on port 9: the sender blocks on the broker and the queue fills.
        PredictionLog log = new PredictionLog("127.0.0.1:9", properties, meters);
        try {
            log.offer(prediction(1000));
            assertThat(meters.counter("modelway_prediction_log_dropped").count())
                    .as("one prediction larger than the whole queue").isEqualTo(1);
            long largest = 0;
            for (int i = 0; i < 2000; i++) {
                log.offer(prediction(1));
                largest = Math.max(largest, (long) meters.get("modelway_prediction_log_queued_bytes").gauge().value());
            }
            assertThat(largest).isPositive().isLessThanOrEqualTo(64 * 1024);
            double queued = meters.get("modelway_prediction_log_queued").gauge().value();
            double dropped = meters.counter("modelway_prediction_log_dropped").count() - 1;
            assertThat(dropped).isGreaterThan(1000);
            assertThat(queued + dropped).as("every prediction is queued, sent off or counted as dropped")
                    .isBetween(2000.0 - 10, 2000.0);
        } finally {
            log.destroy();
        }
    }
}
