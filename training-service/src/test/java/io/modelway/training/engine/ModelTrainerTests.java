package io.modelway.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.test.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Real Deeplearning4j training on the bundled samples. */
class ModelTrainerTests {

    private final ModelTrainer trainer = new ModelTrainer();

    @Test
    void classifiesPenguinsAlmostPerfectly() {
        List<Map<String, String>> rows = complete("penguins.csv");
        FeaturePipeline pipeline = FeaturePipeline.fit(schema(rows), "Species", true, rows);
        List<Integer> epochsSeen = new ArrayList<>();

        TrainedModel model = trainer.train(ModelType.CLASSIFIER, pipeline, rows,
                TrainingParams.from(Map.of("epochs", 60, "patience", 0, "learningRate", 0.01)), (epoch, epochs, loss, validation) -> epochsSeen.add(epoch));

        assertThat(epochsSeen).hasSize(60).startsWith(1, 2, 3).endsWith(60);
        assertThat((double) model.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.98);
        assertThat((int) model.metrics().get("holdoutRows")).isEqualTo(67);
        assertThat((int) model.metrics().get("validationRows")).isEqualTo(50);
        assertThat((int) model.metrics().get("trainRows")).isEqualTo(333 - 67 - 50);
        assertThat(model.metrics()).containsKeys("macroF1", "logLoss", "confusionMatrix", "perClass");
        Map<?, ?> baseline = (Map<?, ?>) model.metrics().get("baseline");
        assertThat(baseline.get("model")).isEqualTo("majority class 'Adelie'");
        assertThat((double) baseline.get("accuracy")).isCloseTo(29.0 / 67, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void stopsWhenValidationLossNoLongerImprovesAndKeepsTheBestEpoch() {
        List<Map<String, String>> rows = complete("gapminder.csv");
        FeaturePipeline pipeline = FeaturePipeline.fit(schema(rows), "life_expect", false, rows);
        List<Double> validationLosses = new ArrayList<>();

        TrainedModel model = trainer.train(ModelType.REGRESSOR, pipeline, rows, TrainingParams.from(Map.of(
                "epochs", 2000, "patience", 5, "learningRate", 0.05)), (e, n, l, validation) -> validationLosses.add(validation));

        int best = (int) model.metrics().get("bestEpoch");
        assertThat(model.epochsRun()).isLessThan(2000).isEqualTo(best + 5);
        assertThat(validationLosses.get(best - 1)).isEqualTo(validationLosses.stream().mapToDouble(d -> d).min().orElseThrow());
        assertThat((double) model.metrics().get("rmse")).isLessThan(((Number) ((Map<?, ?>) model.metrics().get("baseline"))
                .get("rmse")).doubleValue());
    }

    @Test
    void birdstrikesAsTheyAreBeatTheirBaselineByAClearMargin() {
        // Every row as the file has it: empty speeds, a damage class spelled None, 225 aircraft models.
        List<Map<String, String>> rows = Samples.rows("birdstrikes.csv.gz");
        FeaturePipeline pipeline = FeaturePipeline.fit(schema(rows), "Effect Amount of damage", true, rows);

        TrainedModel model = trainer.train(ModelType.CLASSIFIER, pipeline, rows, TrainingParams.from(Map.of(
                "epochs", 40)), (e, n, l, h) -> { });

        Map<?, ?> baseline = (Map<?, ?>) model.metrics().get("baseline");
        double macroF1 = (double) model.metrics().get("macroF1");
        System.out.printf("birdstrikes: %d rows, %s test rows, accuracy %.4f macroF1 %.4f; baseline %s accuracy %.4f"
                + " macroF1 %.4f; best epoch %s%n", rows.size(), model.metrics().get("holdoutRows"),
                model.metrics().get("accuracy"), macroF1, baseline.get("model"), baseline.get("accuracy"),
                baseline.get("macroF1"), model.metrics().get("bestEpoch"));
        assertThat(pipeline.label().classes()).contains("None", "Minor", "Substantial", "Medium");
        assertThat(macroF1).isGreaterThan((double) baseline.get("macroF1") + 0.15);
        assertThat(List.copyOf(((Map<?, ?>) model.metrics().get("perClass")).keySet()))
                .isEqualTo(List.copyOf(pipeline.label().classes()));
    }

    @Test
    void sameSeedAndDataGiveBitIdenticalWeightsAndAnotherSeedDoesNot() {
        List<Map<String, String>> rows = complete("penguins.csv");
        FeaturePipeline pipeline = FeaturePipeline.fit(schema(rows), "Species", true, rows);
        TrainingParams params = TrainingParams.from(Map.of("epochs", 15, "seed", 11));

        INDArray first = weights(trainer.train(ModelType.CLASSIFIER, pipeline, rows, params, (e, n, l, h) -> { }));
        INDArray second = weights(trainer.train(ModelType.CLASSIFIER, pipeline, rows, params, (e, n, l, h) -> { }));
        INDArray other = weights(trainer.train(ModelType.CLASSIFIER, pipeline, rows,
                TrainingParams.from(Map.of("epochs", 15, "seed", 12)), (e, n, l, h) -> { }));

        assertThat(first.toFloatVector()).containsExactly(second.toFloatVector());
        assertThat(first.toFloatVector()).isNotEqualTo(other.toFloatVector());
    }

    @Test
    void regressesGapminderLifeExpectancy() {
        List<Map<String, String>> rows = complete("gapminder.csv");
        DatasetSchema schema = schema(rows);
        FeaturePipeline pipeline = FeaturePipeline.fit(schema, "life_expect", false,
                rows);
        TrainedModel model = trainer.train(ModelType.REGRESSOR, pipeline, rows, TrainingParams.from(Map.of("epochs", 60,
                "learningRate", 0.01)),
                (e, n, l, h) -> { });
        assertThat((double) model.metrics().get("r2")).isGreaterThan(0.8);
        assertThat((double) model.metrics().get("rmse")).isLessThan(6.0);
    }

    @Test
    void scoresReconstructionErrorForAnomalyModels() {
        List<Map<String, String>> rows = complete("penguins.csv");
        FeaturePipeline pipeline = FeaturePipeline.fit(schema(rows), null, false, rows);
        TrainedModel model = trainer.train(ModelType.ANOMALY, pipeline, rows, TrainingParams.from(Map.of("epochs", 20,
                "hiddenLayers", List.of(6, 3, 6))), (e, n, l, h) -> { });
        double p50 = (double) model.metrics().get("reconstructionErrorP50");
        double p99 = (double) model.metrics().get("reconstructionErrorP99");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    }

    private static INDArray weights(TrainedModel model) {
        return NetworkArchive.read(model.modelZip(), Long.MAX_VALUE).params();
    }

    private static List<Map<String, String>> complete(String sample) {
        return Samples.completeRows(sample);
    }

    private static DatasetSchema schema(List<Map<String, String>> rows) {
        return Samples.inferredSchema(rows);
    }
}
