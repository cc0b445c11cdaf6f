package io.modelway.serving.protocols.mlflow;

import io.modelway.core.dataset.CsvTable;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.ApiException;
import io.modelway.serving.models.ServedModels;
import io.modelway.serving.models.ServingReadiness;
import io.modelway.serving.predict.Predictions;
import io.modelway.serving.protocols.ServerVersion;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's scoring server API, so MLflow clients and tooling can call Modelway unchanged: {@code /invocations}
 * takes {@code dataframe_split}, {@code dataframe_records}, {@code instances} or {@code inputs} (JSON) or a CSV
 * table, and answers {@code {"predictions": [...]}}; {@code /ping}, {@code /health} and {@code /version}. MLflow
 * serves one model per server; here {@code ?model=} picks it, and may be left out when one model is served.
 */
@RestController
class MlflowScoringController {

    private static final Set<String> FORMATS = Set.of("dataframe_split", "dataframe_records", "instances", "inputs");

    private final Predictions predictions;
    private final ServedModels models;
    private final ServingReadiness readiness;

    MlflowScoringController(Predictions predictions, ServedModels models, ServingReadiness readiness) {
        this.readiness = readiness;
        this.predictions = predictions;
        this.models = models;
    }

    @GetMapping("/ping")
    ResponseEntity<String> ping() {
        return ResponseEntity.status(readiness.ready() ? HttpStatus.OK
                : HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN).body("\n");
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return ping();
    }

    @GetMapping(value = "/version", produces = MediaType.TEXT_PLAIN_VALUE)
    String version() {
        return ServerVersion.get();
    }

    @PostMapping(value = "/invocations", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    Map<String, Object> invocations(@RequestParam(required = false) String model,
            @RequestParam(required = false) Integer version,
            @RequestHeader(value = "Content-Type") String contentType, @RequestBody byte[] body) {
        String name = model != null ? model : onlyServedModel();
        List<Map<String, Object>> instances = contentType.startsWith("text/csv") ? csv(body) : json(body);
        return Map.of("predictions", predictions.predict(name, version, instances, "mlflow").predictions());
    }

    private String onlyServedModel() {
        Set<String> served = models.all().keySet();
        if (served.size() != 1) {
            throw ApiException.badRequest("model", "this server serves " + served.size() + " models " + served
                    + ": name one with ?model=");
        }
        return served.iterator().next();
    }

    private static List<Map<String, Object>> csv(byte[] body) {
        List<Map<String, Object>> instances = new ArrayList<>();
        try {
            CsvTable.read(new ByteArrayInputStream(body)).rows().forEach(row -> instances.add(new LinkedHashMap<>(row)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("body", "is not a CSV table with a header row: " + e.getMessage());
        }
        return instances;
    }

    private static List<Map<String, Object>> json(byte[] body) {
        JsonNode root;
        try {
            root = ModelwayJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object with one of " + FORMATS);
        }
        List<String> given = root.propertyNames().stream().filter(FORMATS::contains).toList();
        if (given.size() != 1) {
            throw ApiException.badRequest("body", "must have exactly one of " + FORMATS + ", found " + given);
        }
        String format = given.get(0);
        JsonNode input = root.get(format);
        return switch (format) {
            case "dataframe_split" -> split(input);
            case "dataframe_records" -> records(format, input);
            default -> input.isObject() ? columns(format, input) : records(format, input);
        };
    }

    /** {@code {"columns": [...], "data": [[...], ...]}}, pandas' split orientation; {@code index} is ignored. */
    private static List<Map<String, Object>> split(JsonNode split) {
        if (!split.isObject() || !split.path("columns").isArray() || !split.path("data").isArray()) {
            throw ApiException.badRequest("dataframe_split", "must be {\"columns\": [...], \"data\": [[...], ...]}");
        }
        List<String> columns = new ArrayList<>();
        split.get("columns").forEach(c -> columns.add(c.asString()));
        List<Map<String, Object>> instances = new ArrayList<>();
        JsonNode data = split.get("data");
        for (int i = 0; i < data.size(); i++) {
            JsonNode row = data.get(i);
            if (!row.isArray() || row.size() != columns.size()) {
                throw ApiException.badRequest("dataframe_split.data[" + i + "]", "must be an array of " + columns.size()
                        + " values, one per column");
            }
            Map<String, Object> instance = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                instance.put(columns.get(c), value(row.get(c)));
            }
            instances.add(instance);
        }
        return instances;
    }

    /** A list of records, {@code [{"column": value, ...}, ...]}. */
    private static List<Map<String, Object>> records(String format, JsonNode records) {
        if (!records.isArray()) {
            throw ApiException.badRequest(format, "must be an array of records");
        }
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw ApiException.badRequest(format + "[" + i + "]", "must be an object of column values; tensor "
                        + "inputs are not supported by Modelway models");
            }
            Map<String, Object> instance = new LinkedHashMap<>();
            record.properties().forEach(e -> instance.put(e.getKey(), value(e.getValue())));
            instances.add(instance);
        }
        return instances;
    }

    /** Columns of equal length, {@code {"column": [v1, v2, ...], ...}}. */
    private static List<Map<String, Object>> columns(String format, JsonNode columns) {
        Integer rows = null;
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
            JsonNode values = column.getValue();
            if (!values.isArray() || (rows != null && values.size() != rows)) {
                throw ApiException.badRequest(format + "." + column.getKey(), "must be an array as long as the other "
                        + "columns");
            }
            rows = values.size();
        }
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int i = 0; i < (rows == null ? 0 : rows); i++) {
            Map<String, Object> instance = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> column : columns.properties()) {
                instance.put(column.getKey(), value(column.getValue().get(i)));
            }
            instances.add(instance);
        }
        return instances;
    }

    private static Object value(JsonNode node) {
        return node == null || node.isNull() ? null : ModelwayJson.mapper().convertValue(node, Object.class);
    }
}
