package io.modelway.core.features;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.MissingValues;
import io.modelway.core.schema.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * THE feature pipeline: fitted once on a clean dataset, saved as JSON inside the model artifact, and
 * used by training and serving alike, so that a record is encoded the same way in both.
 *
 * <p>Numeric columns are standardised with the training mean and standard deviation; categorical
 * columns become one-hot blocks over the categories seen in training (sorted, so the order does not
 * depend on row order).
 */
public record FeaturePipeline(int formatVersion, List<FeatureColumn> features, LabelEncoding label) {

    public static final int FORMAT_VERSION = 1;

    public FeaturePipeline {
        features = List.copyOf(features);
    }

    /**
     * Fits the pipeline. Every FEATURE column of the schema except the label becomes an input; TEXT,
     * ID and IGNORED columns are left out. {@code labelColumn} null fits an unsupervised pipeline.
     */
    public static FeaturePipeline fit(DatasetSchema schema, String labelColumn, boolean labelIsCategorical,
            Iterable<Map<String, String>> rows) {
        List<ColumnSchema> inputs = schema.columns().stream()
                .filter(c -> !c.name().equals(labelColumn))
                .filter(c -> c.role() == ColumnRole.FEATURE && c.type() != ColumnType.TEXT)
                .toList();
        int n = inputs.size();
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        long[] count = new long[n];
        List<TreeSet<String>> seen = new ArrayList<>();
        inputs.forEach(c -> seen.add(new TreeSet<>()));
        TreeSet<String> classes = new TreeSet<>();
        double labelSum = 0;
        double labelSumSq = 0;
        long labelCount = 0;
        for (Map<String, String> row : rows) {
            for (int i = 0; i < n; i++) {
                String value = row.get(inputs.get(i).name());
                if (MissingValues.isMissing(value)) {
                    continue;
                }
                if (inputs.get(i).isNumeric()) {
                    double x = Numbers.parse(value).orElse(Double.NaN);
                    if (Double.isFinite(x)) {
                        sum[i] += x;
                        sumSq[i] += x * x;
                        count[i]++;
                    }
                } else {
                    seen.get(i).add(value.strip());
                }
            }
            if (labelColumn != null && !MissingValues.isMissing(row.get(labelColumn))) {
                String value = row.get(labelColumn).strip();
                if (labelIsCategorical) {
                    classes.add(value);
                } else {
                    double y = Numbers.parse(value).orElseThrow(
                            () -> new FeatureEncodingException(labelColumn, "label '" + value + "' is not a number"));
                    labelSum += y;
                    labelSumSq += y * y;
                    labelCount++;
                }
            }
        }
        List<FeatureColumn> features = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ColumnSchema column = inputs.get(i);
            if (column.isNumeric()) {
                double mean = count[i] == 0 ? 0 : sum[i] / count[i];
                features.add(new FeatureColumn(column.name(), FeatureKind.NUMERIC, mean, scale(sumSq[i], mean, count[i]),
                        List.of()));
            } else {
                features.add(new FeatureColumn(column.name(), FeatureKind.CATEGORICAL, 0, 1, List.copyOf(seen.get(i))));
            }
        }
        LabelEncoding label;
        if (labelColumn == null) {
            label = LabelEncoding.none();
        } else if (labelIsCategorical) {
            label = new LabelEncoding(labelColumn, FeatureKind.CATEGORICAL, List.copyOf(classes), 0, 1);
        } else {
            double mean = labelCount == 0 ? 0 : labelSum / labelCount;
            label = new LabelEncoding(labelColumn, FeatureKind.NUMERIC, List.of(), mean,
                    scale(labelSumSq, mean, labelCount));
        }
        return new FeaturePipeline(FORMAT_VERSION, features, label);
    }

    private static double scale(double sumSq, double mean, long count) {
        if (count < 2) {
            return 1;
        }
        double variance = Math.max(0, sumSq / count - mean * mean);
        double std = Math.sqrt(variance);
        // A constant column carries no information; scaling by 1 keeps it at zero instead of dividing by zero.
        return std < 1e-12 ? 1 : std;
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
            if (value == null || (value instanceof String s && MissingValues.isMissing(s))) {
                throw new FeatureEncodingException(column.name(), "is required");
            }
            if (column.kind() == FeatureKind.NUMERIC) {
                target[at++] = (float) ((number(column.name(), value) - column.mean()) / column.scale());
            } else {
                if (value instanceof Map || value instanceof Iterable) {
                    throw new FeatureEncodingException(column.name(), "must be a category (text), got "
                            + (value instanceof Map ? "an object" : "an array"));
                }
                String category = value.toString().strip();
                int index = column.categories().indexOf(category);
                if (index < 0 && unknownAsZeros) {
                    at += column.categories().size();
                    continue;
                }
                if (index < 0) {
                    throw new FeatureEncodingException(column.name(),
                            "unknown category '" + category + "', expected one of " + column.categories());
                }
                target[at + index] = 1f;
                at += column.categories().size();
            }
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
        if (value == null || (value instanceof String s && MissingValues.isMissing(s))) {
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
        if (pipeline.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("Unsupported pipeline format " + pipeline.formatVersion());
        }
        return pipeline;
    }
}
