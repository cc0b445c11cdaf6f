package io.modelway.core.features;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.Numbers;
import java.util.List;
import java.util.Map;

/**
 * THE feature pipeline: fitted once on a clean dataset, saved as JSON inside the model artifact, and
 * used by training and serving alike, so that a record is encoded the same way in both.
 *
 * <p>Numeric columns are standardised with the training mean and standard deviation (of log(1 + x) for a
 * non-negative column skewed far to the right); one that training saw
 * missing also imputes its training median and gets a second input saying the value was missing. Categorical
 * columns become one-hot blocks over their {@code maxCategories} most frequent training categories (sorted, so
 * the order does not depend on row order), then {@value FeatureColumn#MISSING} when training saw the column
 * missing and {@value FeatureColumn#OTHER} for the rest. Date columns become their year and their place in the
 * year, week and day ({@link DateFeatures}). {@code tableColumns} are all the columns of the table
 * the pipeline was fitted on: a record may carry those the model does not read.
 */
public record FeaturePipeline(int formatVersion, List<FeatureColumn> features, LabelEncoding label,
        List<String> tableColumns, List<ColumnFate> report) {

    public static final int FORMAT_VERSION = 2;
    /** Categories kept per column before the rest count as {@value FeatureColumn#OTHER}. */
    public static final int DEFAULT_MAX_CATEGORIES = 32;

    public FeaturePipeline {
        features = List.copyOf(features);
        tableColumns = tableColumns == null ? List.of() : List.copyOf(tableColumns);
        report = report == null ? List.of() : List.copyOf(report);
    }

    /** Fits the pipeline keeping {@link #DEFAULT_MAX_CATEGORIES} categories per column. */
    public static FeaturePipeline fit(DatasetSchema schema, String labelColumn, boolean labelIsCategorical,
            Iterable<Map<String, String>> rows) {
        return fit(schema, labelColumn, labelIsCategorical, rows, DEFAULT_MAX_CATEGORIES);
    }

    /**
     * Fits the pipeline. Every FEATURE column of the schema except the label becomes an input; TEXT,
     * ID and IGNORED columns are left out. {@code labelColumn} null fits an unsupervised pipeline. A missing value
     * is one its schema column reads as missing; rows without a label do not shape the label encoding.
     */
    public static FeaturePipeline fit(DatasetSchema schema, String labelColumn, boolean labelIsCategorical,
            Iterable<Map<String, String>> rows, int maxCategories) {
        return PipelineFitting.fit(schema, labelColumn, labelIsCategorical, rows, maxCategories);
    }

    /** Length of the vector {@link #encode} returns. */
    public int width() {
        return features.stream().mapToInt(FeatureColumn::width).sum();
    }

    /** Input column names, in the order the model reads them. */
    public List<String> inputNames() {
        return features.stream().map(FeatureColumn::name).toList();
    }

    /** Encodes one record; values may be numbers or text. Extra fields are ignored. */
    public float[] encode(Map<String, ?> record) {
        float[] vector = new float[width()];
        encodeInto(record, vector, 0);
        return vector;
    }

    /** Encodes one record into {@code target} starting at {@code offset}; an unknown category is an error. */
    public void encodeInto(Map<String, ?> record, float[] target, int offset) {
        encodeInto(record, target, offset, false);
    }

    /**
     * Encodes one record into {@code target} starting at {@code offset}. With {@code unknownAsZeros}, a category
     * the pipeline was not fitted with is encoded as all zeros (none of the known categories) instead of failing.
     */
    public void encodeInto(Map<String, ?> record, float[] target, int offset, boolean unknownAsZeros) {
        int at = offset;
        for (FeatureColumn column : features) {
            Object value = record.get(column.name());
            List<String> categories = column.categories();
            if (column.isMissing(value)) {
                if (!column.mayBeMissing()) {
                    throw new FeatureEncodingException(column.name(), "is required");
                }
                if (column.kind() == FeatureKind.NUMERIC) {
                    target[at++] = (float) ((column.transformed(column.fill()) - column.mean()) / column.scale());
                    target[at++] = 1f;
                } else if (column.kind() == FeatureKind.DATE) {
                    at = DateFeatures.encode(column, null, target, at);
                } else {
                    target[at + categories.indexOf(FeatureColumn.MISSING)] = 1f;
                    at += categories.size();
                }
                continue;
            }
            if (column.kind() == FeatureKind.NUMERIC) {
                target[at++] = (float) ((column.transformed(number(column.name(), value)) - column.mean()) / column.scale());
                if (column.fill() != null) {
                    target[at++] = 0f;
                }
                continue;
            }
            if (column.kind() == FeatureKind.DATE) {
                at = DateFeatures.encode(column, value, target, at);
                continue;
            }
            if (value instanceof Map || value instanceof Iterable) {
                throw new FeatureEncodingException(column.name(), "must be a category (text), got "
                        + (value instanceof Map ? "an object" : "an array"));
            }
            String category = value.toString().strip();
            int index = categories.indexOf(category);
            if (index < 0) {
                index = categories.indexOf(FeatureColumn.OTHER);
            }
            if (index < 0 && unknownAsZeros) {
                at += categories.size();
                continue;
            }
            if (index < 0) {
                throw new FeatureEncodingException(column.name(),
                        "unknown category '" + category + "', expected one of " + categories);
            }
            target[at + index] = 1f;
            at += categories.size();
        }
    }

    private static double number(String field, Object value) {
        double x;
        if (value instanceof Number n) {
            x = n.doubleValue();
        } else if (value instanceof String s) {
            x = Numbers.parse(s).orElseThrow(() -> new FeatureEncodingException(field, "'" + s + "' is not a number"));
        } else {
            throw new FeatureEncodingException(field, "must be a number, got " + value.getClass().getSimpleName());
        }
        if (!Double.isFinite(x)) {
            throw new FeatureEncodingException(field, "must be a finite number");
        }
        return x;
    }

    /** The training target of a record: class index for a classifier, scaled value for a regressor. */
    public float encodeLabel(Map<String, ?> record) {
        Object value = record.get(label.column());
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new FeatureEncodingException(label.column(), "label is required");
        }
        if (label.kind() == FeatureKind.CATEGORICAL) {
            int index = label.classes().indexOf(value.toString().strip());
            if (index < 0) {
                throw new FeatureEncodingException(label.column(), "unknown class '" + value + "'");
            }
            return index;
        }
        return (float) ((number(label.column(), value) - label.mean()) / label.scale());
    }

    /** Turns a regressor's scaled output back into the label's units. */
    public double decodeValue(double scaled) {
        return scaled * label.scale() + label.mean();
    }

    public String toJson() {
        return ModelwayJson.toText(this);
    }

    public static FeaturePipeline fromJson(String json) {
        FeaturePipeline pipeline = ModelwayJson.read(json, FeaturePipeline.class);
        if (pipeline.formatVersion() < 1 || pipeline.formatVersion() > FORMAT_VERSION) {
            throw new IllegalArgumentException("Unsupported pipeline format " + pipeline.formatVersion());
        }
        return pipeline;
    }
}
