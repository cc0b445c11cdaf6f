package io.modelway.serving.models;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.models.NetworkArchive;
import io.modelway.core.models.VerifiedArtifacts;
import io.modelway.serving.ServingProperties;
import io.modelway.serving.inference.BatchingPredictor;
import io.modelway.serving.inference.DenseForwardPass;
import io.modelway.serving.inference.Scorer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downloads a version's artifacts from the registry, checks them against the version's signed manifest, reads the
 * network without running anything it carries ({@link NetworkArchive}) and readies
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
        VerifiedArtifacts.Model stored = registry.stored(model, version);
        MultiLayerNetwork net = stored.network();
        FeaturePipeline pipeline = stored.pipeline();
        float[][] check = LoadedModel.checkRows(pipeline);
        Scorer scorer = "dl4j".equals(engine) ? null : DenseForwardPass.of(net, check).orElse(null);
        if (scorer == null) {
            scorer = new BatchingPredictor(model + "-v" + version, net, batching.workers(), batching.maxRows(),
                    batching.maxWait(), check, meters, model, version);
        }
        log.info("{} v{} is scored by {}", model, version, scorer.engine());
        VersionMetadata metadata = stored.manifest().metadata();
        LoadedModel loaded = new LoadedModel(model, version, stored.modelSha256(), metadata.dataset(),
                metadata.datasetVersion(), pipeline, scorer);
        timer.stop(meters.timer("modelway_model_load_duration", "model", model));
        return loaded;
    }
}
