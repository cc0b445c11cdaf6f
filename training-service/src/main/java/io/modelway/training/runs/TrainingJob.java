package io.modelway.training.runs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.api.registry.VersionLineage;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.dataset.CsvTable;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.training.clients.DatasetRef;
import io.modelway.training.clients.IngestClient;
import io.modelway.training.clients.RegistryClient;
import io.modelway.training.engine.ModelTrainer;
import io.modelway.training.engine.ModelType;
import io.modelway.training.engine.TrainedModel;
import io.modelway.training.engine.TrainingParams;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one run: resolve and verify the dataset version, fit the feature pipeline, train, register
 * the version with its lineage, and apply the promotion gate. Progress is recorded and announced as it goes.
 */
@Component
class TrainingJob {

    private static final Logger log = LoggerFactory.getLogger(TrainingJob.class);
    private static final int PROGRESS_EVERY = 5;

    private final RunRepository runs;
    private final RunEvents events;
    private final IngestClient ingest;
    private final RegistryClient registry;
    private final ObjectStore store;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ModelTrainer trainer = new ModelTrainer();
    private final String codeVersion;

    TrainingJob(RunRepository runs, RunEvents events, IngestClient ingest, RegistryClient registry, ObjectStore store,
            TransactionTemplate transactions, MeterRegistry meters, ObjectProvider<GitProperties> git) {
        this.runs = runs;
        this.events = events;
        this.ingest = ingest;
        this.registry = registry;
        this.store = store;
        this.transactions = transactions;
        this.meters = meters;
        this.codeVersion = codeVersion(git.getIfAvailable());
    }

    void execute(TrainingRun run) {
        Timer.Sample timer = Timer.start(meters);
        String outcome = TrainingRun.FAILED;
        try {
            execute(run, ModelwayJson.mapper().convertValue(run.spec(), TrainingSpec.class));
            outcome = TrainingRun.SUCCEEDED;
        } catch (RuntimeException e) {
            log.warn("Training run {} of {} failed: {}", run.runId(), run.model(), e.toString());
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            transactions.executeWithoutResult(s -> {
                runs.fail(run.runId(), error);
                events.publish(run.runId(), run.model(), TrainingRun.FAILED, 0, 0, Map.of(), null, error);
            });
        } finally {
            timer.stop(meters.timer("modelway_training_run_duration", "model", run.model(), "status", outcome));
            meters.counter("modelway_training_runs_total", "model", run.model(), "status", outcome, "reason",
                    String.valueOf(run.reason())).increment();
        }
    }

    private void execute(TrainingRun run, TrainingSpec spec) {
        UUID runId = run.runId();
        ModelType type = ModelType.fromWire(spec.type());
        TrainingParams params = TrainingParams.from(spec.params());
        DatasetRef dataset = ingest.resolve(spec.dataset(), run.datasetVersion());
        CsvTable table = CsvTable.read(new ByteArrayInputStream(store.getVerified(dataset.dataKey(), dataset.dataSha256())));
        String paramsSha256 = paramsHash(spec, params, dataset);
        transactions.executeWithoutResult(s -> {
            runs.start(runId, dataset.version(), dataset.dataSha256(), paramsSha256, codeVersion, params.epochs());
            events.publish(runId, run.model(), TrainingRun.RUNNING, 0, params.epochs(), Map.of(), null, null);
        });
        log.info("Run {}: training {} {} on {} v{} ({} rows)", runId, spec.type(), run.model(), dataset.dataset(),
                dataset.version(), table.rows().size());

        if (type != ModelType.ANOMALY && dataset.schema().column(spec.label()).isEmpty()) {
            throw new IllegalArgumentException("Label column '" + spec.label() + "' is not in dataset " + spec.dataset()
                    + " (columns: " + dataset.schema().columnNames() + ")");
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(dataset.schema(), spec.label(), type == ModelType.CLASSIFIER,
                table.rows());
        List<Map<String, Object>> history = new ArrayList<>();
        TrainedModel trained = trainer.train(type, pipeline, table.rows(), params, (epoch, epochs, trainLoss, holdoutLoss) -> {
            history.add(Map.of("epoch", epoch, "loss", trainLoss, "holdoutLoss", holdoutLoss));
            if (epoch % PROGRESS_EVERY == 0 || epoch == epochs) {
                List<Map<String, Object>> snapshot = List.copyOf(history);
                transactions.executeWithoutResult(s -> {
                    runs.progress(runId, epoch, snapshot);
                    events.publish(runId, run.model(), TrainingRun.RUNNING, epoch, epochs,
                            Map.of("loss", trainLoss, "holdoutLoss", holdoutLoss), null, null);
                });
            }
        });
        runs.progress(runId, trained.epochsRun(), history);

        Map<String, Object> recordedParams = new LinkedHashMap<>(params.asMap());
        recordedParams.put("label", spec.label());
        recordedParams.put("codeVersion", codeVersion);
        recordedParams.put("epochsRun", trained.epochsRun());
        VersionMetadata metadata = new VersionMetadata(runId, spec.type(), dataset.dataset(), dataset.version(),
                dataset.dataSha256(), paramsSha256, trained.metrics(), recordedParams, Map.of(),
                new VersionLineage(run.reason(), codeVersion, dataset.dataKey(), dataset.source()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.zip", trained.modelZip());
        files.put("pipeline.json", pipeline.toJson().getBytes(StandardCharsets.UTF_8));
        int version = registry.register(run.model(), metadata, files);

        Map<String, Object> promotion = null;
        if (spec.promote() != null) {
            promotion = PromotionGate.decide(spec.promote(), trained.metrics(), trained.holdout().size(),
                    registry.alias(run.model(), spec.promote().alias()),
                    incumbent -> {
                        RegistryClient.StoredModel stored = registry.stored(run.model(), incumbent);
                        return trainer.score(type, stored.pipeline(), stored.network(), trained.holdout());
                    });
            if (Boolean.TRUE.equals(promotion.get("promoted"))) {
                registry.moveAlias(run.model(), spec.promote().alias(), version, String.valueOf(promotion.get("reason")));
            }
        }
        Map<String, Object> decision = promotion;
        transactions.executeWithoutResult(s -> {
            runs.succeed(runId, trained.metrics(), version, decision);
            events.publish(runId, run.model(), TrainingRun.SUCCEEDED, trained.epochsRun(), params.epochs(),
                    trained.metrics(), version, null);
        });
        log.info("Run {}: registered {} v{} with {}; promotion {}", runId, run.model(), version, trained.metrics(),
                decision);
    }

    /** Everything that decides the weights, hashed: type, label, effective parameters and the exact data. */
    static String paramsHash(TrainingSpec spec, TrainingParams params, DatasetRef dataset) {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("type", spec.type());
        basis.put("label", spec.label());
        basis.put("params", params.asMap());
        basis.put("datasetSha256", dataset.dataSha256());
        return Sha256.of(ModelwayJson.toBytes(basis));
    }

    /**
     * The build's version and, when it was built from a git checkout, the commit ({@code +dirty} when the
     * working tree had changes): {@code 0.1.0-SNAPSHOT+7bd527e}.
     */
    static String codeVersion(GitProperties git) {
        String version = TrainingJob.class.getPackage().getImplementationVersion();
        String code = version == null ? "dev" : version;
        if (git != null && git.getShortCommitId() != null) {
            code += "+" + git.getShortCommitId() + ("true".equals(git.get("dirty")) ? ".dirty" : "");
        }
        return code;
    }
}
