import io.modelway.core.dataset.CsvTable;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.SchemaInference;
import io.modelway.core.storage.Sha256;
import io.modelway.training.engine.LabelledRows;
import io.modelway.training.engine.ModelTrainer;
import io.modelway.training.engine.ModelType;
import io.modelway.training.engine.TrainedModel;
import io.modelway.training.engine.TrainingParams;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Model quality on the shared tables, as a new user gets it: no schema written, the default parameters, every row
 * of the file. Per table: rows used, the run's test metric beside its trivial baseline on the same rows, the
 * epochs run, and, trained twice, whether the same seed gave the same weights.
 */
public class ModelQuality {

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args[0]);
        System.out.printf("%n%-13s %8s %8s  %-8s %9s %9s %8s  %6s %7s  %s%n", "table", "rows", "used", "metric",
                "model", "baseline", "margin", "epochs", "seconds", "same weights twice");
        report(samples.resolve("penguins.csv"), "Species", ModelType.CLASSIFIER, "accuracy", true);
        report(samples.resolve("birdstrikes.csv.gz"), "Effect Amount of damage", ModelType.CLASSIFIER, "macroF1", true);
        report(samples.resolve("gapminder.csv"), "life_expect", ModelType.REGRESSOR, "rmse", true);
        report(samples.resolve("flights-200k.csv.gz"), "delay", ModelType.REGRESSOR, "rmse", false);
    }

    /** The SHA-256 of the network's parameters (the archive's bytes also hold the time it was written). */
    private static String weights(TrainedModel model) {
        float[] params = NetworkArchive.read(model.modelZip(), Long.MAX_VALUE).params().toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(params.length * 4);
        for (float p : params) {
            bytes.putFloat(p);
        }
        return Sha256.of(bytes.array());
    }

    private static void report(Path file, String label, ModelType type, String metric, boolean twice) throws Exception {
        CsvTable table;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            table = CsvTable.read(in);
        }
        SchemaInference inference = new SchemaInference(table.columns());
        table.rows().forEach(row -> inference.observe(List.copyOf(row.values())));
        DatasetSchema schema = inference.result();
        LabelledRows rows = LabelledRows.of(table.rows(), schema, type, label);
        TrainingParams params = TrainingParams.from(Map.of());
        FeaturePipeline pipeline = FeaturePipeline.fit(schema, label, type == ModelType.CLASSIFIER, rows.rows(),
                params.maxCategories());
        long started = System.nanoTime();
        TrainedModel model = new ModelTrainer().train(type, pipeline, rows.rows(), params, (e, n, l, v) -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        String same = "-";
        if (twice) {
            TrainedModel again = new ModelTrainer().train(type, pipeline, rows.rows(), params, (e, n, l, v) -> { });
            same = weights(model).equals(weights(again)) ? "yes" : "NO";
        }
        double value = ((Number) model.metrics().get(metric)).doubleValue();
        double baseline = ((Number) ((Map<?, ?>) model.metrics().get("baseline")).get(metric)).doubleValue();
        String name = file.getFileName().toString().replaceAll("\\.csv(\\.gz)?$", "");
        System.out.printf("%-13s %8d %7.1f%%  %-8s %9.4f %9.4f %+8.4f  %6d %7.1f  %s%n", name, table.rows().size(),
                100.0 * rows.rows().size() / table.rows().size(), metric, value, baseline, value - baseline,
                model.epochsRun(), seconds, same);
    }
}
