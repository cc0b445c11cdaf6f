package io.modelway.ingest.schema;

import io.modelway.core.schema.CleaningRules;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.Numbers;
import io.modelway.core.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** Every problem of a declared schema at once, each naming its field ({@code columns[2].rules.impute}). */
final class SchemaValidation {

    private static final Set<String> MISSING = Set.of(CleaningRules.QUARANTINE, CleaningRules.DROP,
            CleaningRules.IMPUTE, CleaningRules.KEEP);
    private static final Set<String> OUTLIER_METHODS = Set.of(CleaningRules.OutlierRule.ZSCORE,
            CleaningRules.OutlierRule.IQR);
    private static final Set<String> OUTLIER_ACTIONS = Set.of(CleaningRules.OutlierRule.CLIP, CleaningRules.QUARANTINE);

    private final List<Map<String, String>> errors = new ArrayList<>();

    static void check(DatasetSchema schema) {
        SchemaValidation validation = new SchemaValidation();
        validation.validate(schema);
        if (!validation.errors.isEmpty()) {
            Map<String, String> first = validation.errors.get(0);
            throw new ApiException(HttpStatus.BAD_REQUEST, first.get("field"), first.get("field") + " "
                    + first.get("message") + (validation.errors.size() > 1 ? " (and " + (validation.errors.size() - 1)
                    + " more in errors)" : ""), validation.errors);
        }
    }

    private void validate(DatasetSchema schema) {
        if (schema.columns().isEmpty()) {
            error("columns", "needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            ColumnSchema column = schema.columns().get(i);
            String at = "columns[" + i + "]";
            if (column.name() == null || column.name().isBlank()) {
                error(at + ".name", "is required");
            } else if (!names.add(column.name())) {
                error(at + ".name", "'" + column.name() + "' is declared twice");
            }
            if (column.type() == null) {
                error(at + ".type", "is required: NUMERIC, CATEGORICAL, DATE or TEXT");
                continue;
            }
            if (column.min() != null && column.max() != null && column.min() > column.max()) {
                error(at + ".min", "is greater than max");
            }
            if ((column.min() != null || column.max() != null) && column.type() != ColumnType.NUMERIC) {
                error(at + ".min", "applies to NUMERIC columns only");
            }
            rules(column, at + ".rules");
        }
    }

    private void rules(ColumnSchema column, String at) {
        CleaningRules rules = column.rules();
        boolean numeric = column.type() == ColumnType.NUMERIC;
        if (rules.missing() != null && !MISSING.contains(rules.missing())) {
            error(at + ".missing", "must be one of quarantine, drop, impute, keep");
        }
        if (CleaningRules.IMPUTE.equals(rules.missing())) {
            imputation(column, at);
        } else if (rules.impute() != null) {
            error(at + ".impute", "needs \"missing\": \"impute\"");
        }
        if (rules.outliers() != null) {
            CleaningRules.OutlierRule outliers = rules.outliers();
            if (!numeric) {
                error(at + ".outliers", "applies to NUMERIC columns only");
            }
            if (!OUTLIER_METHODS.contains(String.valueOf(outliers.method()))) {
                error(at + ".outliers.method", "must be zscore or iqr");
            }
            if (outliers.threshold() != null && !(outliers.threshold() > 0)) {
                error(at + ".outliers.threshold", "must be a positive number");
            }
            if (outliers.action() != null && !OUTLIER_ACTIONS.contains(outliers.action())) {
                error(at + ".outliers.action", "must be clip or quarantine");
            }
        }
        if (rules.normalize() != null && !Set.of("lower", "upper").contains(rules.normalize())) {
            error(at + ".normalize", "must be lower or upper");
        }
        if ((rules.normalize() != null || !rules.synonyms().isEmpty()) && column.type() != ColumnType.CATEGORICAL) {
            error(at + (rules.normalize() != null ? ".normalize" : ".synonyms"), "applies to CATEGORICAL columns only");
        }
        if (rules.coerce() && !numeric) {
            error(at + ".coerce", "applies to NUMERIC columns only");
        }
    }

    private void imputation(ColumnSchema column, String at) {
        String method = column.rules().impute();
        if (column.role() == ColumnRole.LABEL) {
            error(at + ".missing", "a label cannot be imputed: quarantine or drop rows without one");
        }
        if (method == null) {
            error(at + ".impute", "is required with \"missing\": \"impute\": mean, median, mode or constant");
        } else if ((method.equals("mean") || method.equals("median")) && column.type() != ColumnType.NUMERIC) {
            error(at + ".impute", method + " applies to NUMERIC columns; use mode or constant");
        } else if (method.equals("mode") && column.type() == ColumnType.NUMERIC) {
            error(at + ".impute", "mode applies to CATEGORICAL and TEXT columns; use mean, median or constant");
        } else if (method.equals("constant")) {
            String value = column.rules().value();
            if (value == null) {
                error(at + ".value", "is required with \"impute\": \"constant\"");
            } else if (column.type() == ColumnType.NUMERIC && Numbers.parse(value).isEmpty()) {
                error(at + ".value", "'" + value + "' is not a number");
            }
        } else if (!Set.of("mean", "median", "mode").contains(method)) {
            error(at + ".impute", "must be mean, median, mode or constant");
        }
    }

    private void error(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }
}
