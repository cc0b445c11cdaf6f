package io.modelway.training.runs;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.modelway.training.clients.IngestClient;
import io.modelway.training.specs.SpecRepository;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training-runs")
class RunController {

    private final RunQueue queue;
    private final RunRepository runs;
    private final SpecRepository specs;
    private final IngestClient ingest;
    private final TrainingJob job;

    RunController(RunQueue queue, RunRepository runs, SpecRepository specs, IngestClient ingest, TrainingJob job) {
        this.queue = queue;
        this.runs = runs;
        this.specs = specs;
        this.ingest = ingest;
        this.job = job;
    }

    /** Body of a manual run request; {@code datasetVersion} null trains on the latest version. */
    record RunRequest(@Schema(requiredMode = REQUIRED, example = "penguins") String model, Integer datasetVersion) {
    }

    @PostMapping
    @ApiResponse(responseCode = "202", description = "Queued: follow it at the Location, /api/training-runs/{runId}")
    ResponseEntity<Map<String, Object>> start(@RequestBody RunRequest request, Principal actor) {
        if (request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("model", "is required");
        }
        if (request.datasetVersion() != null && request.datasetVersion() < 1) {
            throw ApiException.badRequest("datasetVersion", "must be 1 or more");
        }
        TrainingSpec spec = specs.find(request.model()).orElseThrow(() -> ApiException.notFound("No training spec for "
                + "model '" + request.model() + "': PUT /api/training-specs/" + request.model()));
        ingest.requirePublished(spec.dataset(), request.datasetVersion());
        UUID runId = queue.enqueue(request.model(), TrainingRun.MANUAL, request.datasetVersion(), actor.getName());
        return ResponseEntity.accepted().location(URI.create("/api/training-runs/" + runId))
                .body(Map.of("runId", runId, "model", request.model(), "status", TrainingRun.QUEUED));
    }

    /** Runs, newest first, filtered by model, status and reason; paged by limit and offset. */
    @GetMapping
    ResponseEntity<List<TrainingRun>> list(@RequestParam(required = false) String model,
            @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 500);
        if (status != null && !List.of(TrainingRun.QUEUED, TrainingRun.RUNNING, TrainingRun.SUCCEEDED,
                TrainingRun.FAILED).contains(status)) {
            throw ApiException.badRequest("status", "must be one of QUEUED, RUNNING, SUCCEEDED, FAILED");
        }
        return paging.answer(runs.list(model, status, reason, paging), runs.count(model, status, reason));
    }

    @GetMapping("/{runId}")
    TrainingRun get(@PathVariable UUID runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("No training run " + runId));
    }

    /**
     * Takes a run's promotion decision again when the gate could not take it (the registry did not answer, the alias
     * was moved meanwhile): 409 when the run's decision was taken.
     */
    @PostMapping("/{runId}/promotion")
    Map<String, Object> decideAgain(@PathVariable UUID runId) {
        return job.decideAgain(get(runId));
    }
}
