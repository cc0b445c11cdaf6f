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
                TrainingParams.from(Map.of("epochs", 60)), (epoch, epochs, loss, holdout) -> epochsSeen.add(epoch));

        assertThat(epochsSeen).hasSize(60).startsWith(1, 2, 3).endsWith(60);
        assertThat((double) model.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.98);
        assertThat((int) model.metrics().get("holdoutRows")).isEqualTo(67);
        assertThat(model.metrics()).containsKeys("macroF1", "logLoss", "confusionMatrix");
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
        TrainedModel model = trainer.train(ModelType.REGRESSOR, pipeline, rows, TrainingParams.from(Map.of("epochs", 60)),
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
