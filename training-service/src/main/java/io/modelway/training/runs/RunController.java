package io.modelway.training.runs;

import io.modelway.core.web.ApiException;
import java.net.URI;
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

    RunController(RunQueue queue, RunRepository runs) {
        this.queue = queue;
        this.runs = runs;
    }

    /** Body of a manual run request; {@code datasetVersion} null trains on the latest version. */
    record RunRequest(String model, Integer datasetVersion) {
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> start(@RequestBody RunRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw ApiException.badRequest("model", "is required");
        }
        if (request.datasetVersion() != null && request.datasetVersion() < 1) {
            throw ApiException.badRequest("datasetVersion", "must be 1 or more");
        }
        UUID runId = queue.enqueue(request.model(), "manual", request.datasetVersion());
        return ResponseEntity.accepted().location(URI.create("/api/training-runs/" + runId))
                .body(Map.of("runId", runId, "model", request.model(), "status", TrainingRun.QUEUED));
    }

    @GetMapping
    List<TrainingRun> list(@RequestParam(required = false) String model, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit", "must be between 1 and 500");
        }
        return runs.list(model, limit);
    }

    @GetMapping("/{runId}")
    TrainingRun get(@PathVariable UUID runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("No training run " + runId));
    }
}
