package io.modelway.serving.predict;

import io.modelway.core.features.FeatureEncodingException;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.BodyTooLargeException;
import io.modelway.core.web.JsonBodies;
import io.modelway.core.web.ProblemHandling;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The Modelway prediction API: a batch of instances in, one prediction per instance out, with provenance.
 * A functional route rather than an annotated controller: on the hottest path, matching a path with variables
 * against every annotated mapping, resolving arguments and choosing converters cost more CPU than scoring
 * the model. Errors are the same problem+json documents the rest of the service answers.
 */
@Configuration(proxyBeanMethods = false)
class PredictController {

    record PredictRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Map<String, Object>> instances) {
    }

    /** The answer's shape, for the OpenAPI document ({@link Prediction#toJson()} writes it). */
    record PredictResponse(String model, int version, String requestId, List<Map<String, Object>> predictions,
            String modelSha256, String dataset, Integer datasetVersion, String servedAs) {
    }

    private static final ObjectReader REQUEST = ModelwayJson.mapper().readerFor(PredictRequest.class);
    private static final ObjectWriter RESPONSE = ModelwayJson.mapper().writerFor(Map.class);

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/api/models/{model}/predict", method = RequestMethod.POST,
                beanClass = PredictController.class, beanMethod = "predict"),
        @RouterOperation(path = "/api/models/{model}/versions/{version}/predict", method = RequestMethod.POST,
                beanClass = PredictController.class, beanMethod = "predictWithVersion")})
    RouterFunction<ServerResponse> predictRoutes(Predictions predictions) {
        return RouterFunctions.route()
                .POST("/api/models/{model}/predict", request -> answer(request, predictions, false))
                .POST("/api/models/{model}/versions/{version}/predict", request -> answer(request, predictions, true))
                .build();
    }

    /** Answered by the version behind the served alias (or, for a canary share, the canary version). */
    @Operation(summary = "Predict with the served alias's version",
            parameters = @Parameter(name = "model", in = ParameterIn.PATH, required = true),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictResponse.class))))
    void predict() {
        // Documentation only: predictRoutes answers.
    }

    /** Answered by exactly this version, loaded on first use. */
    @Operation(summary = "Predict with one version",
            parameters = {@Parameter(name = "model", in = ParameterIn.PATH, required = true),
                @Parameter(name = "version", in = ParameterIn.PATH, required = true, schema = @Schema(type = "integer"))},
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PredictRequest.class))),
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PredictResponse.class))))
    void predictWithVersion() {
        // Documentation only: predictRoutes answers.
    }

    private static ServerResponse answer(ServerRequest request, Predictions predictions, boolean withVersion) {
        try {
            Integer version = withVersion ? version(request.pathVariable("version")) : null;
            PredictRequest body = JsonBodies.read(REQUEST, JsonBodies.bytes(request.servletRequest()));
            Prediction prediction = predictions.predict(request.pathVariable("model"), version, body.instances(),
                    "modelway");
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(RESPONSE.writeValueAsBytes(prediction.toJson()));
        } catch (ApiException e) {
            return problem(ProblemHandling.problem(e.status(), e.getMessage(), e.field()), request);
        } catch (FeatureEncodingException e) {
            return problem(ProblemHandling.problem(HttpStatus.BAD_REQUEST, e.field() + ": " + e.getMessage(), e.field()),
                    request);
        } catch (BodyTooLargeException e) {
            ApiException tooLarge = e.toApiException();
            return problem(ProblemHandling.problem(tooLarge.status(), tooLarge.getMessage(), tooLarge.field()), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer version(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version", "'" + text + "' is not a version number");
        }
    }

    /** Written by Spring's converters, as every other problem document of the service. */
    private static ServerResponse problem(ProblemDetail problem, ServerRequest request) {
        problem.setInstance(URI.create(request.path()));
        return ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
