package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.web.ApiException;
import io.modelway.training.specs.SpecRepository;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Accepts run requests: a run is a QUEUED row with a snapshot of the spec, picked up by {@link TrainingWorker}. */
@Service
public class RunQueue {

    private final SpecRepository specs;
    private final RunRepository runs;
    private final RunEvents events;

    RunQueue(SpecRepository specs, RunRepository runs, RunEvents events) {
        this.specs = specs;
        this.runs = runs;
        this.events = events;
    }

    /**
     * Queues a run of the model's spec; {@code datasetVersion} null means the latest at start time. {@code requestedBy}
     * is the caller, or {@code trigger:<reason>} for a trigger.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public UUID enqueue(String model, String reason, Integer datasetVersion, String requestedBy) {
        TrainingSpec spec = specs.find(model).orElseThrow(
                () -> ApiException.notFound("No training spec for model '" + model + "': PUT /api/training-specs/" + model));
        UUID runId = UUID.randomUUID();
        runs.insert(runId, model, reason, spec.dataset(), datasetVersion, spec, requestedBy);
        events.publish(runId, model, TrainingRun.QUEUED, 0, 0, Map.of(), null, null);
        return runId;
    }
}
