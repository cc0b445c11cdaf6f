package io.modelway.core.features;

import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.Numbers;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits a {@link FeaturePipeline} in one pass over the rows: per column the values, missing count and categories;
 * then standardising, imputing and one-hot blocks, and the report of what became of each column.
 */
final class PipelineFitting {

    private PipelineFitting() {
    }

    static FeaturePipeline fit(DatasetSchema schema, String labelColumn, boolean labelIsCategorical,
            Iterable<Map<String, String>> rows, int maxCategories) {
        List<ColumnSchema> inputs = schema.columns().stream()
                .filter(c -> !c.name().equals(labelColumn))
                .filter(c -> c.role() == ColumnRole.FEATURE && c.type() != ColumnType.TEXT)
                .toList();
        ColumnSchema labelSchema = labelColumn == null ? null : schema.column(labelColumn).orElse(null);
        int n = inputs.size();
        long[] missing = new long[n];
        boolean[] timed = new boolean[n];
        List<ColumnValues> numbers = new ArrayList<>();
        List<Map<String, Long>> seen = new ArrayList<>();
        inputs.forEach(c -> {
            numbers.add(new ColumnValues());
            seen.add(new HashMap<>());
        });
        TreeSet<String> classes = new TreeSet<>();
        ColumnValues labels = new ColumnValues();
        for (Map<String, String> row : rows) {
            for (int i = 0; i < n; i++) {
                ColumnSchema column = inputs.get(i);
                String value = row.get(column.name());
                if (column.isMissing(value)) {
                    missing[i]++;
                } else if (column.isNumeric()) {
                    double x = Numbers.parse(value).orElse(Double.NaN);
                    if (Double.isFinite(x)) {
                        numbers.get(i).add(x);
                    }
                } else if (column.type() == ColumnType.DATE) {
                    LocalDateTime date = DateFeatures.read(column.name(), value).value();
                    numbers.get(i).add(DateFeatures.fractionalYear(date));
                    timed[i] |= DateFeatures.hasTime(date);
                } else {
                    seen.get(i).merge(value.strip(), 1L, Long::sum);
                }
            }
            String labelValue = labelColumn == null ? null : row.get(labelColumn);
            boolean labelled = labelColumn != null
                    && !(labelSchema != null ? labelSchema.isMissing(labelValue) : labelValue == null || labelValue.isBlank());
            if (labelled) {
                String value = labelValue.strip();
                if (labelIsCategorical) {
                    classes.add(value);
                } else {
                    double y = Numbers.parse(value).orElseThrow(
                            () -> new FeatureEncodingException(labelColumn, "label '" + value + "' is not a number"));
                    labels.add(y);
                }
            }
        }
        List<FeatureColumn> features = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ColumnSchema column = inputs.get(i);
            if (column.isNumeric()) {
                ColumnValues values = numbers.get(i);
                Double fill = missing[i] == 0 ? null : values.size() == 0 ? 0.0 : values.median();
                String transform = values.skewedRight() ? FeatureColumn.LOG1P : null;
                FeatureColumn raw = new FeatureColumn(column.name(), FeatureKind.NUMERIC, 0, 1, List.of(), fill,
                        column.missingValues(), transform);
                ColumnValues.Standardisation standard = values.standardisation(raw::transformed);
                features.add(new FeatureColumn(column.name(), FeatureKind.NUMERIC, standard.mean(), standard.scale(),
                        List.of(), fill, column.missingValues(), transform));
            } else if (column.type() == ColumnType.DATE) {
                ColumnValues years = numbers.get(i);
                ColumnValues.Standardisation standard = years.standardisation(x -> x);
                Double fill = missing[i] == 0 ? null : years.size() == 0 ? standard.mean() : years.median();
                features.add(new FeatureColumn(column.name(), FeatureKind.DATE, standard.mean(), standard.scale(),
                        List.of(), fill, column.missingValues(), timed[i] ? FeatureColumn.TIME_OF_DAY : null));
            } else {
                features.add(new FeatureColumn(column.name(), FeatureKind.CATEGORICAL, 0, 1,
                        categories(seen.get(i), missing[i] > 0, maxCategories), null, column.missingValues(), null));
            }
        }
        LabelEncoding label;
        if (labelColumn == null) {
            label = LabelEncoding.none();
        } else if (labelIsCategorical) {
            label = new LabelEncoding(labelColumn, FeatureKind.CATEGORICAL, List.copyOf(classes), 0, 1);
        } else {
            ColumnValues.Standardisation standard = labels.standardisation(y -> y);
            label = new LabelEncoding(labelColumn, FeatureKind.NUMERIC, List.of(), standard.mean(), standard.scale());
        }
        List<ColumnFate> report = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            int i = inputs.indexOf(column);
            report.add(column.name().equals(labelColumn)
                    ? new ColumnFate(column.name(), ColumnFate.LABEL, labelIsCategorical ? "the label: "
                            + label.classes().size() + " classes" : "the label: a number, standardised")
                    : i < 0 ? notRead(column)
                    : new ColumnFate(column.name(), ColumnFate.INPUT, FitReport.input(features.get(i), missing[i],
                            column.type() == ColumnType.CATEGORICAL ? seen.get(i).size() : 0)));
        }
        return new FeaturePipeline(FeaturePipeline.FORMAT_VERSION, features, label, schema.columnNames(), report);
    }

    private static ColumnFate notRead(ColumnSchema column) {
        return new ColumnFate(column.name(), ColumnFate.NOT_READ, column.type() == ColumnType.TEXT
                ? "free text or an id: too many distinct values to be categories, and not numbers or dates"
                : "its role in the schema is " + column.role().name().toLowerCase(Locale.ROOT));
    }

    /** The most frequent categories (ties by name), sorted; then (missing) and (other) when they occur. */
    private static List<String> categories(Map<String, Long> counts, boolean missing, int maxCategories) {
        List<String> kept = new ArrayList<>(counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxCategories).map(Map.Entry::getKey).sorted().toList());
        if (missing) {
            kept.add(FeatureColumn.MISSING);
        }
        if (counts.size() > maxCategories) {
            kept.add(FeatureColumn.OTHER);
        }
        return kept;
    }
}
