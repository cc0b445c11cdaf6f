package io.modelway.training.specs;

import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.modelway.training.clients.IngestClient;
import io.modelway.training.engine.ModelType;
import io.modelway.training.engine.TrainingParams;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/training-specs")
class SpecController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** As many rows as one request of labelled rows to ingest may carry. */
    private static final int FEEDBACK_MAX_ROWS = 100_000;

    private final SpecRepository specs;
    private final IngestClient ingest;

    SpecController(SpecRepository specs, IngestClient ingest) {
        this.specs = specs;
        this.ingest = ingest;
    }

    /** Specs by model name, paged. */
    @GetMapping
    ResponseEntity<List<TrainingSpec>> all(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return Paging.of(limit, offset, 1000).page(specs.all());
    }

    @GetMapping("/{model}")
    TrainingSpec get(@PathVariable String model) {
        return specs.find(model).orElseThrow(() -> ApiException.notFound("No training spec for model '" + model + "'"));
    }

    @PutMapping("/{model}")
    TrainingSpec put(@PathVariable String model, @RequestBody TrainingSpec body, Principal actor) {
        if (!NAME.matcher(model).matches()) {
            throw ApiException.badRequest("model", "model name must be 1-100 letters, digits, '.', '_' or '-'");
        }
        ModelType type = ModelType.fromWire(body.type());
        if (type == null) {
            throw ApiException.badRequest("type", "must be one of classifier, regressor, anomaly");
        }
        if (body.dataset() == null || !NAME.matcher(body.dataset()).matches()) {
            throw ApiException.badRequest("dataset", "is required: the name of an ingested dataset");
        }
        if (type != ModelType.ANOMALY && (body.label() == null || body.label().isBlank())) {
            throw ApiException.badRequest("label", "is required for a " + body.type());
        }
        for (String trigger : body.triggers()) {
            if (!TrainingSpec.TRIGGERS.contains(trigger)) {
                throw ApiException.badRequest("triggers", "'" + trigger + "' is not one of " + TrainingSpec.TRIGGERS);
            }
        }
        boolean scheduled = body.triggers().contains("schedule");
        if (scheduled != (body.schedule() != null)) {
            throw ApiException.badRequest("schedule", scheduled ? "is required with the 'schedule' trigger: a cron "
                    + "expression such as \"0 0 3 * * *\"" : "needs 'schedule' in triggers");
        }
        if (body.schedule() != null && !CronExpression.isValidExpression(body.schedule())) {
            throw ApiException.badRequest("schedule", "'" + body.schedule() + "' is not a cron expression (six fields: "
                    + "second minute hour day month weekday)");
        }
        if (type != ModelType.ANOMALY) {
            ingest.schema(body.dataset()).ifPresent(schema -> checkLabel(type, body.label(), body.dataset(), schema));
        }
        TrainingParams.from(body.params());
        if (body.promote() != null) {
            validatePromotion(body.promote());
        }
        if (body.drift() != null) {
            validateDrift(body.drift());
        }
        if (body.feedback() != null) {
            validateFeedback(type, body.feedback());
        }
        TrainingSpec spec = new TrainingSpec(model, body.dataset(), type == ModelType.ANOMALY ? null : body.label(),
                body.type(), body.params(), body.triggers(), body.promote(), body.schedule(), body.drift(),
                body.feedback(), actor.getName());
        specs.save(spec);
        return spec;
    }

    /**
     * Removes the spec: no trigger starts a run for the model any more. Runs already queued keep the spec they
     * were queued with; registered versions are the registry's and stay.
     */
    @DeleteMapping("/{model}")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@PathVariable String model) {
        if (!specs.delete(model)) {
            throw ApiException.notFound("No training spec for model '" + model + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The label must be a column of the dataset that can be one: a regressor's numeric, a classifier's categorical
     * or numeric (classes by value), never free text, an id or an ignored column. A dataset with no schema yet (the
     * spec is written before its first upload) is checked when a run reads it.
     */
    private static void checkLabel(ModelType type, String label, String dataset, DatasetSchema schema) {
        ColumnSchema column = schema.columns().stream().filter(c -> c.name().equals(label)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("label", "'" + label + "' is not a column of dataset '"
                        + dataset + "'; its columns are " + schema.columnNames()));
        if (column.role() == ColumnRole.ID || column.role() == ColumnRole.IGNORED) {
            throw ApiException.badRequest("label", "'" + label + "' is an " + column.role().name().toLowerCase()
                    + " column of dataset '" + dataset + "'; a label must be a feature");
        }
        if (type == ModelType.REGRESSOR && column.type() != ColumnType.NUMERIC) {
            throw ApiException.badRequest("label", "'" + label + "' is " + column.type().name().toLowerCase()
                    + " in dataset '" + dataset + "'; a regressor predicts a numeric column");
        }
        if (type == ModelType.CLASSIFIER && (column.type() == ColumnType.TEXT || column.type() == ColumnType.DATE)) {
            throw ApiException.badRequest("label", "'" + label + "' is " + (column.type() == ColumnType.TEXT
                    ? "free text" : "a date") + " in dataset '" + dataset
                    + "'; a classifier predicts a categorical or numeric column");
        }
    }

    private static void validateDrift(TrainingSpec.Drift drift) {
        if (!List.of("psi", "ks").contains(drift.method())) {
            throw ApiException.badRequest("drift.method", "must be psi or ks");
        }
        if (!(drift.threshold() > 0) || ("ks".equals(drift.method()) && drift.threshold() >= 1)) {
            throw ApiException.badRequest("drift.threshold", "must be above 0 (and below 1 for ks)");
        }
        if (drift.windows() < 1 || drift.windows() > 1000) {
            throw ApiException.badRequest("drift.windows", "must be between 1 and 1000");
        }
        if (drift.cooldown().isNegative()) {
            throw ApiException.badRequest("drift.cooldown", "must be a duration of 0 or more, such as PT1H");
        }
        if (drift.maxRetrainsPerDay() < 0) {
            throw ApiException.badRequest("drift.maxRetrainsPerDay", "must be 0 or more");
        }
    }

    private static void validateFeedback(ModelType type, TrainingSpec.Feedback feedback) {
        if (type == ModelType.ANOMALY) {
            throw ApiException.badRequest("feedback", "an anomaly model has no label for ground truth to give");
        }
        if (feedback.minRows() < 1 || feedback.minRows() > FEEDBACK_MAX_ROWS) {
            throw ApiException.badRequest("feedback.minRows", "must be between 1 and " + FEEDBACK_MAX_ROWS);
        }
        if (feedback.maxAge().isNegative() || feedback.maxAge().isZero() || feedback.maxAge().toDays() > 366) {
            throw ApiException.badRequest("feedback.maxAge", "must be a duration above 0 and at most a year, such as P30D");
        }
        if (!TrainingSpec.Feedback.MIXES.contains(feedback.mix())) {
            throw ApiException.badRequest("feedback.mix", "must be one of " + TrainingSpec.Feedback.MIXES);
        }
    }

    private static void validatePromotion(TrainingSpec.Promotion promote) {
        if (promote.alias() == null || !promote.alias().matches("[a-z][a-z0-9_-]{0,49}")) {
            throw ApiException.badRequest("promote.alias", "must be lower-case letters, digits, '_' or '-'");
        }
        if (!TrainingSpec.Promotion.HIGHER_IS_BETTER.contains(promote.metric())
                && !TrainingSpec.Promotion.LOWER_IS_BETTER.contains(promote.metric())) {
            throw ApiException.badRequest("promote.metric", "must be one of accuracy, macroF1, r2, logLoss, rmse, mae, "
                    + "reconstructionErrorP99");
        }
    }
}
