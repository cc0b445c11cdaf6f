package io.modelway.training.drift;

import io.modelway.core.api.training.DriftDecision;
import io.modelway.core.web.Paging;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DriftDecisionController {

    private final DriftDecisionRepository decisions;

    DriftDecisionController(DriftDecisionRepository decisions) {
        this.decisions = decisions;
    }

    /** What training decided on the model's measured drift windows (the last 30 days), newest first. */
    @GetMapping("/api/training-specs/{model}/drift-decisions")
    List<DriftDecision> decisions(@PathVariable String model, @RequestParam(defaultValue = "100") int limit) {
        return decisions.newest(model, Paging.of(limit, 0, 1000).limit());
    }
}
