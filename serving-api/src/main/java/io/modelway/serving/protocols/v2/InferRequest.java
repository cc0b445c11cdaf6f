package io.modelway.serving.protocols.v2;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** An Open Inference Protocol v2 inference request: one named tensor per model input. */
record InferRequest(String id, Map<String, Object> parameters, @Schema(requiredMode = REQUIRED) List<Tensor> inputs,
        List<RequestedOutput> outputs) {

    record Tensor(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) List<Long> shape,
            @Schema(requiredMode = REQUIRED) String datatype, Map<String, Object> parameters,
            @Schema(requiredMode = REQUIRED) Object data) {
    }

    record RequestedOutput(String name, Map<String, Object> parameters) {
    }
}
