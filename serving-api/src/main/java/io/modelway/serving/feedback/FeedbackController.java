package io.modelway.serving.feedback;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.security.ModelLimited;
import io.modelway.core.web.ApiException;
import io.modelway.serving.models.LoadedModel;
import io.modelway.serving.models.ServedModels;
import io.modelway.serving.predict.RequestIds;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ground truth for an earlier prediction, joined to it by request id and published on {@code modelway.feedback}
 * before the answer: a 202 means Kafka has it.
 */
@RestController
class FeedbackController {

    static final String BINDING = "feedback-out-0";

    private final ServedModels models;
    private final StreamBridge bridge;

    FeedbackController(ServedModels models, StreamBridge bridge) {
        this.models = models;
        this.bridge = bridge;
    }

    /**
     * {@code label} for a classifier's prediction, {@code value} for a regressor's, {@code label} {@code true} or
     * {@code false} for an anomaly model's; {@code model} is needed only for a request id some other system made.
     */
    record FeedbackRequest(@Schema(requiredMode = REQUIRED) String requestId, String model,
            @Schema(description = "The true class, for a classifier; true or false (was it an anomaly), "
                    + "for an anomaly model") Object label,
            @Schema(description = "The true value, for a regressor") Double value) {
    }

    @PostMapping("/api/feedback")
    @ApiResponse(responseCode = "202", description = "Published to modelway.feedback")
    ResponseEntity<Map<String, Object>> feedback(@RequestBody FeedbackRequest request) {
        if (request.requestId() == null || request.requestId().isBlank()) {
            throw ApiException.badRequest("requestId", "is required: the requestId of the prediction's response");
        }
        Object truth = request.label() != null ? request.label() : request.value();
        if (truth == null) {
            throw ApiException.badRequest("label", "is required: the true label (or 'value' for a regressor)");
        }
        if (request.label() != null && !(request.label() instanceof String || request.label() instanceof Number
                || request.label() instanceof Boolean)) {
            throw ApiException.badRequest("label", "must be a single value");
        }
        if (request.value() != null && !Double.isFinite(request.value())) {
            throw ApiException.badRequest("value", "must be a finite number");
        }
        RequestIds.Answered answered = RequestIds.answered(request.requestId()).orElse(null);
        if (answered != null && request.model() != null && !request.model().equals(answered.model())) {
            throw ApiException.badRequest("model", "request " + request.requestId() + " was answered by '"
                    + answered.model() + "', not '" + request.model() + "'");
        }
        String model = answered != null ? answered.model() : request.model();
        if (model == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "requestId", "'" + request.requestId()
                    + "' is not a request id this server gave; give 'model' too");
        }
        LoadedModel version = answered == null ? null : models.find(answered.model(), answered.version()).orElse(null);
        // The version that answered, else the one serving the model now: versions of a model rarely change kind.
        LoadedModel reference = version != null ? version : models.route(model).map(r -> r.primary()).orElse(null);
        if (reference != null) {
            checkKind(reference, request);
        }
        if (version != null && "classifier".equals(version.type())
                && !version.pipeline().label().classes().contains(String.valueOf(truth))) {
            throw ApiException.badRequest("label", "'" + truth + "' is not a class of " + answered.model() + " v"
                    + answered.version() + "; its classes are " + version.pipeline().label().classes());
        }
        if (!ModelLimited.currentCallerMay(model)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "requestId", "This API key may not send feedback on '"
                    + model + "'");
        }
        FeedbackReceived event = new FeedbackReceived(UUID.randomUUID(), Instant.now(), request.requestId(), model, truth);
        boolean sent;
        try {
            sent = bridge.send(BINDING, EventMessages.toMessage(event));
        } catch (RuntimeException e) {
            sent = false;
        }
        if (!sent) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null,
                    "feedback could not be published to Kafka; it was not recorded, retry later");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", request.requestId());
        body.put("model", model);
        body.put("feedbackId", event.eventId());
        return ResponseEntity.accepted().body(body);
    }

    /**
     * A classifier's truth is a {@code label}, a regressor's a {@code value}, an anomaly model's a {@code label} of
     * {@code true} (it was an anomaly) or {@code false}; anything else could not be scored and would be lost.
     */
    private static void checkKind(LoadedModel model, FeedbackRequest request) {
        String name = model.model() + " is " + ("anomaly".equals(model.type()) ? "an anomaly model" : "a " + model.type());
        switch (model.type()) {
            case "classifier" -> {
                if (request.label() == null) {
                    throw ApiException.badRequest("value", name + ": send its true class as 'label'");
                }
                if (request.value() != null) {
                    throw ApiException.badRequest("value", name + ": 'value' is for a regressor, send 'label' alone");
                }
            }
            case "regressor" -> {
                if (request.label() != null) {
                    throw ApiException.badRequest("label", name + ": send its true number as 'value', not a 'label'");
                }
            }
            default -> {
                if (request.value() != null) {
                    throw ApiException.badRequest("value", name + ": send 'label' true (it was an anomaly) or false");
                }
                if (!(request.label() instanceof Boolean)) {
                    throw ApiException.badRequest("label", name + ": 'label' is true (it was an anomaly) or false, not '"
                            + request.label() + "'");
                }
            }
        }
    }
}
