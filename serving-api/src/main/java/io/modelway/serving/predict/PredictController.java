package io.modelway.serving.predict;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The Modelway prediction API: a batch of instances in, one prediction per instance out, with provenance. */
@RestController
class PredictController {

    private final Predictions predictions;

    PredictController(Predictions predictions) {
        this.predictions = predictions;
    }

    record PredictRequest(List<Map<String, Object>> instances) {
    }

    /** Answered by the version behind the served alias (or, for a canary share, the canary version). */
    @PostMapping("/api/models/{model}/predict")
    Map<String, Object> predict(@PathVariable String model, @RequestBody PredictRequest request) {
        return predictions.predict(model, null, request.instances(), "modelway").toJson();
    }

    /** Answered by exactly this version, loaded on first use. */
    @PostMapping("/api/models/{model}/versions/{version}/predict")
    Map<String, Object> predictWithVersion(@PathVariable String model, @PathVariable int version,
            @RequestBody PredictRequest request) {
        return predictions.predict(model, version, request.instances(), "modelway").toJson();
    }
}
