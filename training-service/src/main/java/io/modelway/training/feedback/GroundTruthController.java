package io.modelway.training.feedback;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GroundTruthController {

    private final GroundTruthRepository rows;

    GroundTruthController(GroundTruthRepository rows) {
        this.rows = rows;
    }

    /** The model's ground truth: how much is kept, how much waits for the feedback policy, where it went. */
    @GetMapping("/api/training-specs/{model}/ground-truth")
    GroundTruthStatus status(@PathVariable String model) {
        return rows.status(model);
    }
}
