package io.modelway.serving.feedback;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.web.ApiException;
import io.modelway.serving.predict.RecentPredictions;
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

    private final RecentPredictions recent;
    private final StreamBridge bridge;

    FeedbackController(RecentPredictions recent, StreamBridge bridge) {
        this.recent = recent;
        this.bridge = bridge;
    }

    /**
     * {@code label} for a classifier's prediction, {@code value} for a regressor's; {@code model} is needed only
     * when this server no longer remembers the request.
     */
    record FeedbackRequest(String requestId, String model, Object label, Double value) {
    }

    @PostMapping("/api/feedback")
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
        RecentPredictions.Answer answer = recent.find(request.requestId()).orElse(null);
        if (answer != null && request.model() != null && !request.model().equals(answer.model())) {
            throw ApiException.badRequest("model", "request " + request.requestId() + " was answered by '"
                    + answer.model() + "', not '" + request.model() + "'");
        }
        if (answer != null && "classifier".equals(answer.type()) && !answer.classes().contains(String.valueOf(truth))) {
            throw ApiException.badRequest("label", "'" + truth + "' is not a class of " + answer.model() + " v"
                    + answer.version() + "; its classes are " + answer.classes());
        }
        String model = answer != null ? answer.model() : request.model();
        if (model == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "requestId", "request " + request.requestId()
                    + " is not one this server remembers; give 'model' too");
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
}
