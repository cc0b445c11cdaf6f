package io.modelway.ingest.cleaning;

import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.profile.ProfileBuilder;
import io.modelway.core.schema.CleaningRules;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cleaning rules applied to each row of an upload against the dataset's schema:
 * <ul>
 *   <li>a row with more or fewer fields than the header is quarantined ({@code ragged_row}), and so is one with
 *       no value at all ({@code empty_row});</li>
 *   <li>a missing value (empty, or one of the column's markers such as "NA" or ".") follows the column's rule:
 *       keep (the default for features: the model's pipeline imputes it), quarantine ({@code missing_value};
 *       {@code missing_label}, the default for the label), drop ({@code dropped_missing_value}) or impute;</li>
 *   <li>a numeric value must be a finite number ({@code not_a_number}), coerced first if the column asks; a date
 *       must be a date ({@code not_a_date}), written in ISO form;</li>
 *   <li>against a declared schema, numbers outside [min, max] ({@code out_of_range}) and categories not
 *       listed ({@code unknown_category}) are quarantined; against an inferred one they are only reported;</li>
 *   <li>outliers are clipped or quarantined ({@code outlier}); with {@code dedupe} a repeated row is set
 *       aside ({@code duplicate_row});</li>
 *   <li>values are trimmed, numbers written in canonical form, categories in their canonical spelling.</li>
 * </ul>
 * Every column of a row is checked and counted in the {@link ColumnReport}; the first failure is the
 * row's quarantine reason, so each quarantined row has exactly one.
 */
public final class RowCleaner {

    private final DatasetSchema schema;
    private final boolean declared;
    private final ValueReader[] readers;
    private final ColumnPolicy[] policies;
    private final ValueReader.Read[] reads;
    private final double[] numbers;
    private final List<Set<String>> categories = new ArrayList<>();
    private final ColumnReport report = new ColumnReport();
    private final RowFingerprints fingerprints;

    /** Cleans against an inferred schema with no statistics (no imputation of means, no outlier rules). */
    public RowCleaner(DatasetSchema schema) {
        this(schema, null, false);
    }

    /**
     * @param statistics the upload's statistics from {@link #statistics(DatasetSchema)}, when the schema's
     *                   rules need them; else null
     * @param declared   whether the schema was declared (its ranges and categories are then enforced)
     */
    public RowCleaner(DatasetSchema schema, DatasetProfile statistics, boolean declared) {
        this.schema = schema;
        this.declared = declared;
        int n = schema.columns().size();
        this.readers = new ValueReader[n];
        this.policies = new ColumnPolicy[n];
        this.reads = new ValueReader.Read[n];
        this.numbers = new double[n];
        for (int i = 0; i < n; i++) {
            ColumnSchema column = schema.columns().get(i);
            readers[i] = new ValueReader(column);
            policies[i] = ColumnPolicy.of(column, statistics == null ? null : statistics.columns().get(i));
            categories.add(new HashSet<>(column.categories()));
        }
        this.fingerprints = schema.dedupe() ? new RowFingerprints() : null;
    }

    public ColumnReport report() {
        return report;
    }

    public CleaningResult clean(List<String> fields) {
        List<ColumnSchema> columns = schema.columns();
        if (fields.size() != columns.size()) {
            return quarantine(QuarantineReason.RAGGED_ROW, null,
                    "expected " + columns.size() + " fields, found " + fields.size());
        }
        boolean allMissing = true;
        for (int i = 0; i < reads.length; i++) {
            reads[i] = readers[i].read(fields.get(i));
            allMissing &= reads[i].missing();
        }
        if (allMissing) {
            return quarantine(QuarantineReason.EMPTY_ROW, null, "every field of the row is empty or a missing marker");
        }
        List<String> values = new ArrayList<>(columns.size());
        QuarantineReason first = null;
        for (int i = 0; i < columns.size(); i++) {
            ColumnSchema column = columns.get(i);
            ValueReader.Read read = reads[i];
            numbers[i] = read.number();
            QuarantineReason problem;
            if (read.problem() != null) {
                String code = column.type() == ColumnType.DATE ? QuarantineReason.NOT_A_DATE : QuarantineReason.NOT_A_NUMBER;
                report.count(column.name(), code);
                problem = new QuarantineReason(code, column.name(), read.problem());
            } else if (read.missing()) {
                problem = missing(i, fields.get(i), values);
            } else {
                if (read.changed()) {
                    report.count(column.name(), column.type() == ColumnType.NUMERIC ? "coerced" : "normalized");
                }
                problem = check(i, read, values);
            }
            if (first == null) {
                first = problem;
            }
        }
        if (first != null) {
            return new CleaningResult.Quarantined(first);
        }
        if (fingerprints != null && !fingerprints.add(values)) {
            return quarantine(QuarantineReason.DUPLICATE_ROW, null, "same values as an earlier row of this upload");
        }
        return new CleaningResult.Clean(values);
    }

    /**
     * The numeric columns' values of the row last cleaned, as written to its clean values (NaN where missing or not
     * numeric), so that the profile does not parse them again.
     */
    public double[] numbers() {
        return numbers;
    }

    private QuarantineReason missing(int i, String raw, List<String> values) {
        ColumnSchema column = schema.columns().get(i);
        ColumnPolicy policy = policies[i];
        report.count(column.name(), "missing");
        if (raw != null && !raw.isBlank()) {
            report.count(column.name(), "missing as '" + raw.strip() + "'");
        }
        String described = "value " + (raw == null || raw.isBlank() ? "is empty" : "'" + raw + "' means missing");
        values.add("");
        switch (policy.missing()) {
            case CleaningRules.KEEP:
                return null;
            case CleaningRules.IMPUTE:
                if (policy.imputed() == null) {
                    return new QuarantineReason(QuarantineReason.MISSING_VALUE, column.name(),
                            described + " and the upload has no values to impute from");
                }
                values.set(values.size() - 1, policy.imputed());
                numbers[i] = policy.imputedNumber();
                report.count(column.name(), "imputed");
                return null;
            case CleaningRules.DROP:
                return new QuarantineReason(QuarantineReason.DROPPED_MISSING_VALUE, column.name(), described);
            default:
                return new QuarantineReason(column.role() == ColumnRole.LABEL ? QuarantineReason.MISSING_LABEL
                        : QuarantineReason.MISSING_VALUE, column.name(), described);
        }
    }

    private QuarantineReason check(int i, ValueReader.Read read, List<String> values) {
        ColumnSchema column = schema.columns().get(i);
        String value = read.value();
        QuarantineReason problem = null;
        if (column.type() == ColumnType.NUMERIC) {
            double x = read.number();
            if ((column.min() != null && x < column.min()) || (column.max() != null && x > column.max())) {
                report.count(column.name(), QuarantineReason.OUT_OF_RANGE);
                if (declared) {
                    problem = new QuarantineReason(QuarantineReason.OUT_OF_RANGE, column.name(),
                            value + " is outside [" + column.min() + ", " + column.max() + "]");
                }
            }
            ColumnPolicy policy = policies[i];
            if (policy.outlier(x)) {
                if (policy.clip()) {
                    numbers[i] = policy.clamp(x);
                    value = ValueReader.canonical(numbers[i]);
                    report.count(column.name(), "clipped");
                } else {
                    report.count(column.name(), QuarantineReason.OUTLIER);
                    problem = problem != null ? problem : new QuarantineReason(QuarantineReason.OUTLIER, column.name(),
                            value + " is outside the outlier bounds [" + policy.lowerFence() + ", "
                                    + policy.upperFence() + "]");
                }
            }
        } else if (column.type() == ColumnType.CATEGORICAL && !categories.get(i).isEmpty()
                && !categories.get(i).contains(value)) {
            report.count(column.name(), QuarantineReason.UNKNOWN_CATEGORY);
            if (declared) {
                problem = new QuarantineReason(QuarantineReason.UNKNOWN_CATEGORY, column.name(),
                        "'" + value + "' is not one of " + column.categories());
            }
        }
        values.add(value);
        return problem;
    }

    private static CleaningResult quarantine(String code, String column, String detail) {
        return new CleaningResult.Quarantined(new QuarantineReason(code, column, detail));
    }

    /** A first pass over an upload that collects the statistics its cleaning rules need (means, quantiles, modes). */
    public static Statistics statistics(DatasetSchema schema) {
        return new Statistics(schema);
    }

    /** Statistics of the values as the first stage reads them: coerced, canonical, missing left out. */
    public static final class Statistics {

        private final DatasetSchema schema;
        private final ValueReader[] readers;
        private final ProfileBuilder profile;

        private Statistics(DatasetSchema schema) {
            this.schema = schema;
            this.readers = schema.columns().stream().map(ValueReader::new).toArray(ValueReader[]::new);
            this.profile = new ProfileBuilder(schema);
        }

        public void observe(List<String> fields) {
            if (fields.size() != readers.length) {
                return;
            }
            List<String> values = new ArrayList<>(readers.length);
            for (int i = 0; i < readers.length; i++) {
                ValueReader.Read read = readers[i].read(fields.get(i));
                values.add(read.value() == null ? "" : read.value());
            }
            profile.observe(values);
        }

        public DatasetProfile result() {
            return profile.build();
        }

        public DatasetSchema schema() {
            return schema;
        }
    }
}
