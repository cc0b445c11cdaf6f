package io.modelway.core.api.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Production rows with their true labels, sent to become a dataset version ({@code POST
 * /api/datasets/{dataset}/labelled-rows}). {@code mix} {@code append} adds them to the rows of {@code baseVersion}
 * (default: the latest published version); {@code window} makes a version of these rows alone. Each row names the
 * prediction it came from and the model version that made it, which the version's provenance keeps.
 */
public record LabelledRowsUpload(String mix, Integer baseVersion, List<Row> rows) {

    public static final String APPEND = "append";
    public static final String WINDOW = "window";

    public LabelledRowsUpload {
        rows = rows == null ? List.of() : rows;
    }

    /** One labelled row: the dataset's columns by name, the label among them. */
    public record Row(String requestId, String model, Integer modelVersion, Instant labelledAt,
            Map<String, Object> values) {
    }
}
