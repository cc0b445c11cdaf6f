package io.modelway.dashboard.accuracy;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LiveAccuracyController {

    private final LiveAccuracy accuracy;

    LiveAccuracyController(LiveAccuracy accuracy) {
        this.accuracy = accuracy;
    }

    /** Per version of the model: feedback joined, correct labels, accuracy or RMSE. */
    @GetMapping("/api/live-accuracy/{model}")
    List<LiveAccuracy.VersionScore> scores(@PathVariable String model) {
        return accuracy.scores(model);
    }
}
