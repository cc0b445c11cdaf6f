package io.modelway.serving.predict;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.web.ApiException;
import io.modelway.serving.ServingProperties;
import io.modelway.serving.models.LoadedModel;
import io.modelway.serving.models.ServedModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The Modelway prediction API: a batch of instances in, one prediction per instance out, with provenance. */
@RestController
class PredictController {

    private final ServedModels models;
    private final ServingProperties properties;
    private final MeterRegistry meters;

    PredictController(ServedModels models, ServingProperties properties, MeterRegistry meters) {
        this.models = models;
        this.properties = properties;
        this.meters = meters;
    }

    record PredictRequest(List<Map<String, Object>> instances) {
    }

    @PostMapping("/api/models/{model}/predict")
    Map<String, Object> predict(@PathVariable String model, @RequestBody PredictRequest request) {
        LoadedModel loaded = models.get(model).orElseThrow(() -> ApiException.notFound(
                "Model '" + model + "' is not served here: no version holds its '" + properties.alias() + "' alias"));
        if (request.instances() == null || request.instances().isEmpty()) {
            throw ApiException.badRequest("instances", "must be a non-empty array of objects");
        }
        if (request.instances().size() > properties.maxBatch()) {
            throw ApiException.badRequest("instances", "at most " + properties.maxBatch() + " instances per request");
        }
        for (int i = 0; i < request.instances().size(); i++) {
            if (request.instances().get(i) == null) {
                throw ApiException.badRequest("instances[" + i + "]", "must be an object");
            }
        }
        Timer.Sample timer = Timer.start(meters);
        List<Map<String, Object>> predictions = loaded.predict(request.instances());
        timer.stop(meters.timer("modelway_predict", "model", model, "version", Integer.toString(loaded.version())));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model", model);
        response.put("version", loaded.version());
        response.put("requestId", UUID.randomUUID().toString());
        response.put("predictions", predictions);
        response.put("modelSha256", loaded.modelSha256());
        response.put("dataset", loaded.dataset());
        response.put("datasetVersion", loaded.datasetVersion());
        return response;
    }
}
