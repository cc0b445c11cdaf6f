package io.modelway.training.runs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.api.training.TrainingRun;
import org.springframework.stereotype.Component;

/**
 * Runs waiting and running now, read from the run table when Prometheus scrapes: a queue that only grows
 * means training cannot keep up with its triggers.
 */
@Component
class RunGauges {

    RunGauges(RunRepository runs, MeterRegistry meters) {
        for (String status : new String[] {TrainingRun.QUEUED, TrainingRun.RUNNING}) {
            Gauge.builder("modelway_training_runs_active", runs, r -> r.count(null, status, null))
                    .description("Training runs queued or running now, over every replica")
                    .tag("status", status).register(meters);
        }
    }
}
