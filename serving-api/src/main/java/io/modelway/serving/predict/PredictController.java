package io.modelway.serving.predict;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.JsonBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** The Modelway prediction API: a batch of instances in, one prediction per instance out, with provenance. */
@RestController
class PredictController {

    private final Predictions predictions;

    PredictController(Predictions predictions) {
        this.predictions = predictions;
    }

    record PredictRequest(List<Map<String, Object>> instances) {
    }

    /** The answer's shape, for the OpenAPI document ({@link Prediction#toJson()} writes it). */
    record PredictResponse(String model, int version, String requestId, List<Map<String, Object>> predictions,
            String modelSha256, String dataset, Integer datasetVersion, String servedAs) {
    }

    // Bodies are read and written with a prepared reader and writer: Spring's per-request converter lookup cost
    // more than the JSON itself.
    private static final ObjectReader REQUEST = ModelwayJson.mapper().readerFor(PredictRequest.class);
    private static final ObjectWriter RESPONSE = ModelwayJson.mapper().writerFor(Map.class);

    /** Answered by the version behind the served alias (or, for a canary share, the canary version). */
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictResponse.class))))
    @PostMapping(value = "/api/models/{model}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> predict(@PathVariable String model, @RequestBody byte[] body) {
        PredictRequest request = JsonBodies.read(REQUEST, body);
        return json(predictions.predict(model, null, request.instances(), "modelway"));
    }

    /** Answered by exactly this version, loaded on first use. */
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictResponse.class))))
    @PostMapping(value = "/api/models/{model}/versions/{version}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> predictWithVersion(@PathVariable String model, @PathVariable int version,
            @RequestBody byte[] body) {
        PredictRequest request = JsonBodies.read(REQUEST, body);
        return json(predictions.predict(model, version, request.instances(), "modelway"));
    }

    private static ResponseEntity<byte[]> json(Prediction prediction) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(RESPONSE.writeValueAsBytes(
                prediction.toJson()));
    }
}
