package io.modelway.serving.models;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.storage.IntegrityException;
import io.modelway.core.storage.Sha256;
import io.modelway.serving.ServingProperties;
import io.modelway.serving.inference.BatchingPredictor;
import io.modelway.serving.inference.DenseForwardPass;
import io.modelway.serving.inference.Scorer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downloads a version's artifacts from the registry, checks their SHA-256, restores the network and readies
 * its engine before it is swapped in: the plain-Java dense pass when it reproduces DL4J's output on check rows
 * (and {@code engine} is {@code auto}), else DL4J with a warmed copy of the network per worker.
 */
@Component
class ModelLoader {

    private final RegistryClient registry;
    private final MeterRegistry meters;
    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final ServingProperties.Batching batching;
    private final String engine;

    ModelLoader(RegistryClient registry, MeterRegistry meters, ServingProperties properties) {
        this.registry = registry;
        this.meters = meters;
        this.batching = properties.batching();
        this.engine = properties.engine();
    }

    LoadedModel load(String model, int version) {
        Timer.Sample timer = Timer.start(meters);
        ModelVersion metadata = registry.version(model, version);
        byte[] zip = verified(model, version, "model.zip", metadata);
        byte[] pipelineJson = verified(model, version, "pipeline.json", metadata);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore " + model + " v" + version, e);
        }
        FeaturePipeline pipeline = FeaturePipeline.fromJson(new String(pipelineJson, StandardCharsets.UTF_8));
        float[][] check = LoadedModel.checkRows(pipeline);
        Scorer scorer = "dl4j".equals(engine) ? null : DenseForwardPass.of(net, check).orElse(null);
        if (scorer == null) {
            scorer = new BatchingPredictor(model + "-v" + version, net, batching.workers(), batching.maxRows(),
                    batching.maxWait(), check, meters, model, version);
        }
        log.info("{} v{} is scored by {}", model, version, scorer.engine());
        LoadedModel loaded = new LoadedModel(model, version, Sha256.of(zip), metadata.dataset(),
                metadata.datasetVersion(), pipeline, scorer);
        timer.stop(meters.timer("modelway_model_load_duration", "model", model));
        return loaded;
    }

    private byte[] verified(String model, int version, String file, ModelVersion metadata) {
        ModelVersion.Artifact artifact = metadata.artifact(file);
        if (artifact == null) {
            throw new IllegalStateException(model + " v" + version + " has no artifact " + file);
        }
        String expected = artifact.sha256();
        byte[] bytes = registry.artifact(model, version, file);
        String actual = Sha256.of(bytes);
        if (!actual.equals(expected)) {
            throw new IntegrityException("models/" + model + "/v" + version + "/" + file, expected, actual);
        }
        return bytes;
    }
}
