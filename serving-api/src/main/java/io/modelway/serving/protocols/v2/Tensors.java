package io.modelway.serving.protocols.v2;

import io.modelway.core.features.FeatureColumn;
import io.modelway.core.features.FeatureKind;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between v2 tensors and Modelway instances. Each model input is one tensor of shape {@code [N]} or
 * {@code [N, 1]}: {@code BYTES} for a categorical input, a numeric datatype for a numeric one; row {@code i} of
 * every tensor together is instance {@code i}. Data may be flat (row-major) or nested, as the protocol allows.
 */
final class Tensors {

    static final Set<String> NUMERIC = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32",
            "INT64", "FP16", "FP32", "FP64");
    static final Set<String> DATATYPES;

    static {
        Set<String> all = new java.util.HashSet<>(NUMERIC);
        all.add("BYTES");
        DATATYPES = Set.copyOf(all);
    }

    private Tensors() {
    }

    /** The instances the tensors describe; 400 naming {@code inputs[k]...} for anything that does not fit. */
    static List<Map<String, Object>> instances(InferRequest request, FeaturePipeline pipeline) {
        if (request.inputs() == null || request.inputs().isEmpty()) {
            throw ApiException.badRequest("inputs", "must list one tensor per model input: " + pipeline.inputNames());
        }
        Map<String, FeatureColumn> columns = new HashMap<>();
        pipeline.features().forEach(c -> columns.put(c.name(), c));
        Integer rows = null;
        List<List<Object>> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < request.inputs().size(); k++) {
            InferRequest.Tensor tensor = request.inputs().get(k);
            String at = "inputs[" + k + "]";
            if (tensor == null || tensor.name() == null) {
                throw ApiException.badRequest(at + ".name", "is required");
            }
            FeatureColumn column = columns.get(tensor.name());
            if (column == null && pipeline.tableColumns().contains(tensor.name())) {
                // A column of the training table the model does not read: accepted, as on the other protocols.
                continue;
            }
            if (column == null) {
                throw ApiException.badRequest(at + ".name", "'" + tensor.name() + "' is not an input of the model; its "
                        + "inputs are " + pipeline.inputNames());
            }
            if (names.contains(tensor.name())) {
                throw ApiException.badRequest(at + ".name", "'" + tensor.name() + "' is given twice");
            }
            if (tensor.datatype() == null || !DATATYPES.contains(tensor.datatype())) {
                throw ApiException.badRequest(at + ".datatype", "must be one of " + new java.util.TreeSet<>(DATATYPES));
            }
            boolean numeric = column.kind() == FeatureKind.NUMERIC;
            if (numeric == "BYTES".equals(tensor.datatype())) {
                throw ApiException.badRequest(at + ".datatype", "'" + tensor.name() + "' is " + (numeric
                        ? "numeric: use FP32, FP64 or an integer type" : column.kind() == FeatureKind.DATE
                        ? "a date: use BYTES (1998-06-12)" : "categorical: use BYTES"));
            }
            int n = rowsOf(at, tensor.shape());
            List<Object> values = new ArrayList<>();
            flatten(tensor.data(), values);
            if (values.size() != n) {
                throw ApiException.badRequest(at + ".data", "has " + values.size() + " elements; shape "
                        + tensor.shape() + " needs " + n);
            }
            if (rows != null && n != rows) {
                throw ApiException.badRequest(at + ".shape", "has " + n + " rows, other inputs have " + rows);
            }
            for (int i = 0; i < n; i++) {
                Object value = values.get(i);
                if (value == null && column.mayBeMissing()) {
                    continue;
                }
                if (numeric && !(value instanceof Number) && !(value instanceof Boolean)) {
                    throw ApiException.badRequest(at + ".data[" + i + "]", "must be a number for " + tensor.datatype());
                }
                if (value instanceof Boolean b && numeric) {
                    values.set(i, b ? 1 : 0);
                }
            }
            rows = n;
            names.add(tensor.name());
            data.add(values);
        }
        List<Map<String, Object>> instances = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Map<String, Object> instance = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                instance.put(names.get(k), data.get(k).get(i));
            }
            instances.add(instance);
        }
        return instances;
    }

    private static int rowsOf(String at, List<Long> shape) {
        if (shape == null || shape.isEmpty() || shape.size() > 2 || (shape.size() == 2 && shape.get(1) != 1)) {
            throw ApiException.badRequest(at + ".shape", "must be [N] or [N, 1]: one value per instance");
        }
        long n = shape.get(0);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw ApiException.badRequest(at + ".shape", "must have at least one row");
        }
        return (int) n;
    }

    private static void flatten(Object data, List<Object> into) {
        if (data instanceof List<?> list) {
            for (Object item : list) {
                flatten(item, into);
            }
        } else {
            into.add(data);
        }
    }

    /** The v2 output tensors of predictions: {@code label} and {@code probabilities}, {@code value}, or {@code score}. */
    static List<Map<String, Object>> outputs(List<Map<String, Object>> predictions, FeaturePipeline pipeline,
            String type) {
        int n = predictions.size();
        List<Map<String, Object>> outputs = new ArrayList<>();
        switch (type) {
            case "classifier" -> {
                List<String> classes = pipeline.label().classes();
                List<Object> labels = new ArrayList<>(n);
                List<Object> probabilities = new ArrayList<>(n * classes.size());
                for (Map<String, Object> p : predictions) {
                    labels.add(p.get("label"));
                    ((Map<?, ?>) p.get("probabilities")).values().forEach(probabilities::add);
                }
                outputs.add(tensor("label", List.of(n), "BYTES", labels, null));
                outputs.add(tensor("probabilities", List.of(n, classes.size()), "FP64", probabilities,
                        Map.of("classes", classes)));
            }
            case "regressor" -> outputs.add(tensor("value", List.of(n), "FP64",
                    predictions.stream().map(p -> p.get("value")).toList(), null));
            default -> outputs.add(tensor("score", List.of(n), "FP64",
                    predictions.stream().map(p -> p.get("score")).toList(), null));
        }
        return outputs;
    }

    /** Input and output tensor metadata, as the model metadata endpoint lists them. */
    static List<Map<String, Object>> inputMetadata(FeaturePipeline pipeline) {
        return pipeline.features().stream().map(c -> tensorMetadata(c.name(),
                c.kind() == FeatureKind.NUMERIC ? "FP64" : "BYTES", List.of(-1), c.kind() == FeatureKind.NUMERIC
                        ? null : Map.of("categories", c.categories()))).toList();
    }

    static List<Map<String, Object>> outputMetadata(FeaturePipeline pipeline, String type) {
        return switch (type) {
            case "classifier" -> List.of(tensorMetadata("label", "BYTES", List.of(-1), null),
                    tensorMetadata("probabilities", "FP64", List.of(-1, pipeline.label().classes().size()),
                            Map.of("classes", pipeline.label().classes())));
            case "regressor" -> List.of(tensorMetadata("value", "FP64", List.of(-1), null));
            default -> List.of(tensorMetadata("score", "FP64", List.of(-1), null));
        };
    }

    private static Map<String, Object> tensorMetadata(String name, String datatype, List<Integer> shape,
            Map<String, Object> parameters) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("datatype", datatype);
        tensor.put("shape", shape);
        if (parameters != null) {
            tensor.put("parameters", parameters);
        }
        return tensor;
    }

    private static Map<String, Object> tensor(String name, List<Integer> shape, String datatype, List<Object> data,
            Map<String, Object> parameters) {
        Map<String, Object> tensor = tensorMetadata(name, datatype, shape, parameters);
        tensor.put("data", data);
        return tensor;
    }
}
