package io.modelway.core.api.training;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a model is trained: from which dataset, to predict which column, with which network and when.
 * {@code promote} says which alias a good enough run takes; {@code schedule}, a cron expression
 * (second minute hour day month weekday, e.g. {@code "0 0 3 * * *"}), runs it on a clock when the
 * triggers include {@code schedule}. {@code feedback}, when given, turns production rows with their true labels
 * into new versions of the dataset. {@code updatedBy} is who wrote it last (set by the service, not the caller).
 */
public record TrainingSpec(@Schema(accessMode = Schema.AccessMode.READ_ONLY) String model,
        @Schema(requiredMode = REQUIRED, example = "penguins") String dataset,
        @Schema(description = "Required for a classifier or regressor", example = "Species") String label,
        @Schema(requiredMode = REQUIRED, allowableValues = {"classifier", "regressor", "anomaly"}) String type,
        Map<String, Object> params, List<String> triggers, Promotion promote, String schedule, Drift drift,
        Feedback feedback, @Schema(accessMode = Schema.AccessMode.READ_ONLY) String updatedBy) {

    public static final List<String> TRIGGERS = List.of("new-data", "drift", "schedule", "manual");

    public TrainingSpec {
        params = params == null ? Map.of() : params;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        drift = drift == null && triggers.contains("drift") ? Drift.DEFAULT : drift;
    }

    /**
     * The promotion rule: the run's {@code metric} must reach {@code threshold} (if given) and be at least as
     * good as the version the alias serves now, by {@code margin}.
     */
    public record Promotion(String alias, String metric, Double threshold, Double margin) {

        public static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "macroF1", "r2");
        public static final Set<String> LOWER_IS_BETTER = Set.of("logLoss", "rmse", "mae", "reconstructionErrorP99");

        /** Whether a larger value of {@code metric} is a better model. */
        public boolean higherIsBetter() {
            return HIGHER_IS_BETTER.contains(metric);
        }
    }

    /**
     * When drift retrains the model (with the {@code drift} trigger): the largest {@code method} statistic
     * ({@code psi} or {@code ks}) over the features stays above {@code threshold} for {@code windows} windows in a
     * row; then at most one request per {@code cooldown}, and at most {@code maxRetrainsPerDay} in 24 hours.
     */
    public record Drift(String method, Double threshold, Integer windows, Duration cooldown,
            Integer maxRetrainsPerDay) {

        public static final Drift DEFAULT = new Drift(null, null, null, null, null);

        public Drift {
            method = method == null ? "psi" : method;
            threshold = threshold == null ? 0.25 : threshold;
            windows = windows == null ? 3 : windows;
            cooldown = cooldown == null ? Duration.ofHours(1) : cooldown;
            maxRetrainsPerDay = maxRetrainsPerDay == null ? 3 : maxRetrainsPerDay;
        }
    }

    /**
     * When production rows with their true labels become a new version of the spec's dataset: once
     * {@code minRows} rows labelled within {@code maxAge} are not in a version yet. {@code mix} {@code append} adds
     * them to the latest version's rows; {@code window} makes a version of every row labelled within
     * {@code maxAge}, and nothing older.
     */
    public record Feedback(Integer minRows, Duration maxAge, String mix) {

        public static final List<String> MIXES = List.of("append", "window");

        public Feedback {
            minRows = minRows == null ? 500 : minRows;
            maxAge = maxAge == null ? Duration.ofDays(30) : maxAge;
            mix = mix == null ? "append" : mix;
        }
    }

    public boolean triggeredBy(String reason) {
        return triggers.contains(reason);
    }
}
