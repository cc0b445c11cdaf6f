package io.modelway.serving.protocols.v2;

import java.util.List;
import java.util.Map;

/** An Open Inference Protocol v2 inference request: one named tensor per model input. */
record InferRequest(String id, Map<String, Object> parameters, List<Tensor> inputs, List<RequestedOutput> outputs) {

    record Tensor(String name, List<Long> shape, String datatype, Map<String, Object> parameters, Object data) {
    }

    record RequestedOutput(String name, Map<String, Object> parameters) {
    }
}
