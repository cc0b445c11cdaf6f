package io.modelway.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.serving.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BatchingPredictorTests {

    private final MultiLayerNetwork net;
    private final float[][] rows;

    BatchingPredictorTests() {
        TestModels.Artifacts model = TestModels.penguinsClassifier(21, 30, 8);
        net = NetworkArchive.read(model.modelZip(), Long.MAX_VALUE);
        FeaturePipeline pipeline = FeaturePipeline.fromJson(model.pipelineJson());
        List<Map<String, String>> penguins = TestModels.penguins();
        rows = new float[penguins.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pipeline.encode(penguins.get(i));
        }
    }

    @Test
    void concurrentSingleRowsAreScoredTogetherWithTheSameAnswersAsAlone() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BatchingPredictor predictor = new BatchingPredictor("test", net.clone(), 2, 64, Duration.ofMillis(2),
                new float[][] {rows[0]}, meters, "test", 1);
        float[][] expected = net.output(Nd4j.create(rows), false).toFloatMatrix();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                start.await();
                for (int i = client; i < rows.length; i += 32) {
                    float[][] answer = predictor.output(new float[][] {rows[i]});
                    for (int k = 0; k < answer[0].length; k++) {
                        assertThat(answer[0][k]).isCloseTo(expected[i][k], org.assertj.core.data.Offset.offset(1e-5f));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();

        var batches = meters.get("modelway_inference_batch_rows").summary();
        assertThat(batches.totalAmount()).isEqualTo(rows.length);
        assertThat(batches.max()).isGreaterThan(1);
        assertThat(batches.count()).isLessThan(rows.length);
    }

    @Test
    void aLoneRequestDoesNotWaitForCompany() {
        BatchingPredictor predictor = new BatchingPredictor("test", net.clone(), 1, 64, Duration.ofSeconds(5),
                new float[][] {rows[0]}, new SimpleMeterRegistry(), "test", 1);
        long start = System.nanoTime();
        predictor.output(new float[][] {rows[1]});
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aRetiredPredictorStillAnswersRequestsThatArriveLate() throws InterruptedException {
        BatchingPredictor predictor = new BatchingPredictor("test", net.clone(), 2, 64, Duration.ofMillis(1),
                new float[][] {rows[0]}, new SimpleMeterRegistry(), "test", 1);
        float[] expected = net.output(Nd4j.create(new float[][] {rows[5]}), false).toFloatVector();

        predictor.retire();
        Thread.sleep(600);

        assertThat(predictor.output(new float[][] {rows[5]})[0]).containsExactly(expected);
    }
}
