package io.modelway.serving.protocols.v2;

import io.modelway.core.features.FeatureEncodingException;
import io.modelway.core.web.ApiException;
import io.modelway.serving.models.LoadedModel;
import io.modelway.serving.models.ServedModels;
import io.modelway.serving.models.ServingReadiness;
import io.modelway.serving.predict.Prediction;
import io.modelway.serving.predict.Predictions;
import io.modelway.serving.protocols.ServerVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol v2 REST API (KServe, Triton, MLServer): server and model health and metadata,
 * and inference with one tensor per model input. Errors carry the protocol's {@code error} member.
 */
@RestController
class OpenInferenceController {

    private static final Pattern INSTANCE_FIELD = Pattern.compile("instances\\[(\\d+)]\\.(.+)");

    private final Predictions predictions;
    private final ServedModels models;
    private final ServingReadiness readiness;
    private final String serverVersion;

    OpenInferenceController(Predictions predictions, ServedModels models, ServingReadiness readiness) {
        this.readiness = readiness;
        this.predictions = predictions;
        this.models = models;
        this.serverVersion = ServerVersion.get();
    }

    @GetMapping("/v2")
    Map<String, Object> server() {
        return Map.of("name", "modelway-serving", "version", serverVersion, "extensions", List.of());
    }

    @GetMapping("/v2/health/live")
    Map<String, Object> live() {
        return Map.of("live", true);
    }

    /** Ready as {@code /readyz} is: see {@link ServingReadiness}. */
    @GetMapping("/v2/health/ready")
    ResponseEntity<Map<String, Object>> ready() {
        boolean ready = readiness.ready();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("ready", ready));
    }

    @GetMapping("/v2/models/{model}")
    Map<String, Object> metadata(@PathVariable String model) {
        LoadedModel primary = served(model);
        return metadata(primary, List.of(Integer.toString(primary.version())));
    }

    @GetMapping("/v2/models/{model}/versions/{version}")
    Map<String, Object> metadata(@PathVariable String model, @PathVariable int version) {
        return metadata(models.version(model, version), List.of(Integer.toString(version)));
    }

    @GetMapping("/v2/models/{model}/ready")
    ResponseEntity<Map<String, Object>> modelReady(@PathVariable String model) {
        return readiness(model, models.route(model).isPresent());
    }

    @GetMapping("/v2/models/{model}/versions/{version}/ready")
    ResponseEntity<Map<String, Object>> modelReady(@PathVariable String model, @PathVariable int version) {
        return readiness(model, models.isLoaded(model, version));
    }

    @PostMapping("/v2/models/{model}/infer")
    Map<String, Object> infer(@PathVariable String model, @RequestBody InferRequest request) {
        return infer(model, null, request, served(model));
    }

    @PostMapping("/v2/models/{model}/versions/{version}/infer")
    Map<String, Object> infer(@PathVariable String model, @PathVariable int version,
            @RequestBody InferRequest request) {
        return infer(model, version, request, models.version(model, version));
    }

    private Map<String, Object> infer(String model, Integer version, InferRequest request, LoadedModel shape) {
        List<Map<String, Object>> instances = Tensors.instances(request, shape.pipeline());
        Prediction prediction;
        try {
            prediction = predictions.predict(model, version, instances, "v2");
        } catch (FeatureEncodingException e) {
            throw inTensorTerms(e, request);
        }
        LoadedModel answered = prediction.answeredBy();
        List<Map<String, Object>> outputs = Tensors.outputs(prediction.predictions(), answered.pipeline(),
                answered.type());
        if (request.outputs() != null && !request.outputs().isEmpty()) {
            List<String> wanted = new ArrayList<>();
            for (int k = 0; k < request.outputs().size(); k++) {
                String name = request.outputs().get(k) == null ? null : request.outputs().get(k).name();
                if (outputs.stream().noneMatch(o -> o.get("name").equals(name))) {
                    throw ApiException.badRequest("outputs[" + k + "].name", "'" + name + "' is not an output; outputs are "
                            + outputs.stream().map(o -> o.get("name")).toList());
                }
                wanted.add(name);
            }
            outputs = outputs.stream().filter(o -> wanted.contains(o.get("name"))).toList();
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("request_id", prediction.requestId());
        parameters.put("model_sha256", answered.modelSha256());
        parameters.put("dataset", answered.dataset());
        parameters.put("dataset_version", answered.datasetVersion());
        parameters.put("served_as", prediction.role());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", model);
        response.put("model_version", Integer.toString(answered.version()));
        if (request.id() != null) {
            response.put("id", request.id());
        }
        response.put("parameters", parameters);
        response.put("outputs", outputs);
        return response;
    }

    /** Names the tensor element ({@code inputs[k].data[i]}) rather than the instance field the pipeline saw. */
    private static RuntimeException inTensorTerms(FeatureEncodingException e, InferRequest request) {
        Matcher m = INSTANCE_FIELD.matcher(e.field());
        if (m.matches()) {
            for (int k = 0; k < request.inputs().size(); k++) {
                if (m.group(2).equals(request.inputs().get(k).name())) {
                    return ApiException.badRequest("inputs[" + k + "].data[" + m.group(1) + "]", e.getMessage());
                }
            }
            return ApiException.badRequest("inputs", "'" + m.group(2) + "' " + e.getMessage());
        }
        return e;
    }

    private LoadedModel served(String model) {
        return models.route(model).map(r -> r.primary()).orElseThrow(() -> ApiException.notFound(
                "Model '" + model + "' is not served here"));
    }

    private static ResponseEntity<Map<String, Object>> readiness(String model, boolean ready) {
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .body(Map.of("name", model, "ready", ready));
    }

    private static Map<String, Object> metadata(LoadedModel model, List<String> versions) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", model.model());
        metadata.put("versions", versions);
        metadata.put("platform", "deeplearning4j");
        metadata.put("inputs", Tensors.inputMetadata(model.pipeline()));
        metadata.put("outputs", Tensors.outputMetadata(model.pipeline(), model.type()));
        metadata.put("parameters", Map.of("type", model.type(), "model_sha256", model.modelSha256(), "engine",
                model.engine()));
        return metadata;
    }
}
