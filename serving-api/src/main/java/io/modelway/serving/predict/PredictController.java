package io.modelway.serving.predict;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.JsonBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectReader;

/** The Modelway prediction API: a batch of instances in, one prediction per instance out, with provenance. */
@RestController
class PredictController {

    private final Predictions predictions;

    PredictController(Predictions predictions) {
        this.predictions = predictions;
    }

    record PredictRequest(List<Map<String, Object>> instances) {
    }

    // The body is read with a prepared reader: Spring's per-request converter lookup cost more than the parsing.
    private static final ObjectReader REQUEST = ModelwayJson.mapper().readerFor(PredictRequest.class);

    /** Answered by the version behind the served alias (or, for a canary share, the canary version). */
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))))
    @PostMapping(value = "/api/models/{model}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> predict(@PathVariable String model, @RequestBody byte[] body) {
        PredictRequest request = JsonBodies.read(REQUEST, body);
        return predictions.predict(model, null, request.instances(), "modelway").toJson();
    }

    /** Answered by exactly this version, loaded on first use. */
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))))
    @PostMapping(value = "/api/models/{model}/versions/{version}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> predictWithVersion(@PathVariable String model, @PathVariable int version,
            @RequestBody byte[] body) {
        PredictRequest request = JsonBodies.read(REQUEST, body);
        return predictions.predict(model, version, request.instances(), "modelway").toJson();
    }
}
