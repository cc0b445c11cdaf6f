package io.modelway.serving.predict;

import io.modelway.serving.models.LoadedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answered request: which version answered and why ({@code role}), and one prediction per instance
 * ({@code label} + {@code probabilities}, {@code value} or {@code score}).
 */
public record Prediction(String requestId, LoadedModel answeredBy, String role, List<Map<String, Object>> predictions) {

    /** The Modelway JSON answer, with provenance: model, version, artifact SHA-256 and dataset version. */
    public Map<String, Object> toJson() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model", answeredBy.model());
        response.put("version", answeredBy.version());
        response.put("requestId", requestId);
        response.put("predictions", predictions);
        response.put("modelSha256", answeredBy.modelSha256());
        response.put("dataset", answeredBy.dataset());
        response.put("datasetVersion", answeredBy.datasetVersion());
        response.put("servedAs", role);
        return response;
    }
}
