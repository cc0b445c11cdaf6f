package io.modelway.core.api.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A training run and everything it records: what it trained on (dataset version and SHA-256), with
 * which parameters (and their hash), the loss per epoch, final metrics, the version it registered and
 * the promotion decision, and who asked for it ({@code requestedBy}: the caller's user name or client id, or
 * {@code trigger:<reason>} for a run its spec's triggers queued).
 */
public record TrainingRun(UUID runId, String model, String status, String reason, String dataset,
        Integer datasetVersion, String datasetSha256, Map<String, Object> spec, String paramsSha256, String codeVersion,
        int epoch, int epochs, List<Map<String, Object>> history, Map<String, Object> metrics, Integer modelVersion,
        Map<String, Object> promotion, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
        String requestedBy) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** The reason of a run somebody asked for by hand, as opposed to one a trigger queued. */
    public static final String MANUAL = "manual";
}
