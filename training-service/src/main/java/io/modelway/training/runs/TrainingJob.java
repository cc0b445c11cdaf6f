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
import io.modelway.core.models.VerifiedArtifacts;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.core.web.ApiException;
import io.modelway.training.clients.DatasetRef;
import io.modelway.training.clients.IngestClient;
import io.modelway.training.clients.RegistryClient;
import io.modelway.training.engine.LabelledRows;
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
import java.util.Optional;
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
    private final AliasPromotion promotion;
    private final ModelTrainer trainer = new ModelTrainer();
    private final String codeVersion;
    private volatile boolean stopping;

    TrainingJob(RunRepository runs, RunEvents events, IngestClient ingest, RegistryClient registry,
            AliasPromotion promotion, ObjectStore store, TransactionTemplate transactions, MeterRegistry meters,
            ObjectProvider<GitProperties> git) {
        this.runs = runs;
        this.events = events;
        this.ingest = ingest;
        this.registry = registry;
        this.promotion = promotion;
        this.store = store;
        this.transactions = transactions;
        this.meters = meters;
        this.codeVersion = codeVersion(git.getIfAvailable());
    }

    /** From now on a run in progress stops at its next epoch and is queued again; no run is started. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** The service is stopping: the run gives itself back to the queue. */
    private static final class Stopping extends RuntimeException {

        Stopping() {
            super("the service stopped during the run", null, false, false);
        }
    }

    void execute(TrainingRun run) {
        Timer.Sample timer = Timer.start(meters);
        String outcome = TrainingRun.FAILED;
        try {
            execute(run, ModelwayJson.mapper().convertValue(run.spec(), TrainingSpec.class));
            outcome = TrainingRun.SUCCEEDED;
        } catch (LeaseLost e) {
            outcome = "RECLAIMED";
            log.warn("Training run {} of {} was reclaimed by another replica; this one drops it: {}", run.runId(),
                    run.model(), e.getMessage());
        } catch (Stopping e) {
            outcome = TrainingRun.QUEUED;
            String why = "requeued: " + e.getMessage();
            log.warn("Training run {} of {}: {}", run.runId(), run.model(), why);
            ifStillOwned(() -> transactions.executeWithoutResult(s -> {
                runs.requeue(run.runId(), why);
                events.publish(run.runId(), run.model(), TrainingRun.QUEUED, 0, 0, Map.of(), null, null);
            }));
        } catch (RuntimeException e) {
            log.warn("Training run {} of {} failed: {}", run.runId(), run.model(), e.toString());
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            ifStillOwned(() -> transactions.executeWithoutResult(s -> {
                runs.fail(run.runId(), error);
                events.publish(run.runId(), run.model(), TrainingRun.FAILED, 0, 0, Map.of(), null, error);
            }));
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
        CsvTable table = rows(dataset);
        String paramsSha256 = paramsHash(spec, params, dataset);
        transactions.executeWithoutResult(s -> {
            runs.start(runId, dataset.version(), dataset.dataSha256(), paramsSha256, codeVersion, params.epochs());
            events.publish(runId, run.model(), TrainingRun.RUNNING, 0, params.epochs(), Map.of(), null, null);
        });
        Optional<TrainingRun> same = TrainingRun.MANUAL.equals(run.reason()) ? Optional.empty()
                : runs.sameTraining(run.model(), paramsSha256, codeVersion);
        if (same.isPresent()) {
            alreadyTrained(run, same.get(), dataset);
            return;
        }
        log.info("Run {}: training {} {} on {} v{} ({} rows)", runId, spec.type(), run.model(), dataset.dataset(),
                dataset.version(), table.rows().size());

        LabelledRows rows = LabelledRows.of(table.rows(), dataset.schema(), type, spec.label());
        FeaturePipeline pipeline = FeaturePipeline.fit(dataset.schema(), spec.label(), type == ModelType.CLASSIFIER,
                rows.rows(), params.maxCategories());
        List<Map<String, Object>> history = new ArrayList<>();
        TrainedModel trained = trainer.train(type, pipeline, rows.rows(), params, (epoch, epochs, trainLoss, validationLoss) -> {
            if (stopping) {
                throw new Stopping();
            }
            history.add(Map.of("epoch", epoch, "loss", trainLoss, "validationLoss", validationLoss));
            if (epoch % PROGRESS_EVERY == 0 || epoch == epochs) {
                List<Map<String, Object>> snapshot = List.copyOf(history);
                transactions.executeWithoutResult(s -> {
                    runs.progress(runId, epoch, snapshot);
                    events.publish(runId, run.model(), TrainingRun.RUNNING, epoch, epochs,
                            Map.of("loss", trainLoss, "validationLoss", validationLoss), null, null);
                });
            }
        });
        runs.progress(runId, trained.epochsRun(), history);

        Map<String, Object> recordedParams = new LinkedHashMap<>(params.asMap());
        recordedParams.put("label", spec.label());
        recordedParams.put("codeVersion", codeVersion);
        recordedParams.put("epochsRun", trained.epochsRun());
        Map<String, Object> metrics = new LinkedHashMap<>(trained.metrics());
        metrics.put("rowsUsed", rows.rows().size());
        metrics.put("rowsWithoutLabel", rows.withoutLabel());
        VersionMetadata metadata = new VersionMetadata(runId, spec.type(), dataset.dataset(), dataset.version(),
                dataset.dataSha256(), paramsSha256, metrics, recordedParams, Map.of(),
                new VersionLineage(run.reason(), codeVersion, dataset.dataKey(), dataset.source()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.zip", trained.modelZip());
        files.put("pipeline.json", pipeline.toJson().getBytes(StandardCharsets.UTF_8));
        int version = registry.register(run.model(), metadata, files);

        Map<String, Object> decision = spec.promote() == null ? null
                : promotion.promote(run.model(), spec.promote(), type, version, metrics, trained.holdout());
        transactions.executeWithoutResult(s -> {
            runs.succeed(runId, metrics, version, decision);
            events.publish(runId, run.model(), TrainingRun.SUCCEEDED, trained.epochsRun(), params.epochs(),
                    metrics, version, null);
        });
        log.info("Run {}: registered {} v{} with {}; promotion {}", runId, run.model(), version, metrics,
                decision);
    }

    /**
     * A triggered run whose training was done before (same data, parameters, seed and code) would register the
     * same weights again: it registers nothing, promotes nothing, and names the run and version it would repeat.
     * A manual run is what somebody asked for, and trains.
     */
    private void alreadyTrained(TrainingRun run, TrainingRun earlier, DatasetRef dataset) {
        Map<String, Object> metrics = new LinkedHashMap<>(earlier.metrics());
        metrics.put("sameAs", earlier.runId().toString());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("promoted", false);
        decision.put("sameAs", earlier.runId().toString());
        decision.put("reason", "nothing new to learn: run " + earlier.runId() + " trained v" + earlier.modelVersion()
                + " on the same data (" + dataset.dataset() + " v" + dataset.version() + "), parameters, seed and code");
        transactions.executeWithoutResult(s -> {
            runs.succeed(run.runId(), metrics, earlier.modelVersion(), decision);
            events.publish(run.runId(), run.model(), TrainingRun.SUCCEEDED, 0, 0, metrics, earlier.modelVersion(),
                    null);
        });
        log.info("Run {}: {}", run.runId(), decision.get("reason"));
    }

    /**
     * Takes the promotion decision of a SUCCEEDED run again, when it could not be taken (see
     * {@link PromotionGate#notTaken}): the same holdout rows, re-read from the run's exact dataset version.
     */
    Map<String, Object> decideAgain(TrainingRun run) {
        TrainingSpec spec = ModelwayJson.mapper().convertValue(run.spec(), TrainingSpec.class);
        if (!TrainingRun.SUCCEEDED.equals(run.status()) || run.promotion() == null
                || !Boolean.TRUE.equals(run.promotion().get("retryable"))) {
            throw ApiException.conflict("Run " + run.runId() + " has no promotion decision to take again"
                    + (run.promotion() == null ? "" : ": " + run.promotion().get("reason")));
        }
        ModelType type = ModelType.fromWire(spec.type());
        TrainingParams params = TrainingParams.from(spec.params());
        DatasetRef dataset = ingest.resolve(run.dataset(), run.datasetVersion());
        if (!dataset.dataSha256().equals(run.datasetSha256())) {
            throw ApiException.conflict("Dataset " + run.dataset() + " v" + run.datasetVersion()
                    + " is no longer the data the run trained on");
        }
        CsvTable table = rows(dataset);
        VerifiedArtifacts.Model candidate = registry.stored(run.model(), run.modelVersion());
        List<Map<String, String>> holdout = trainer.holdout(type, candidate.pipeline(), LabelledRows.of(table.rows(),
                dataset.schema(), type, spec.label()).rows(), params);
        Map<String, Object> decision = promotion.promote(run.model(), spec.promote(), type, run.modelVersion(),
                run.metrics(),
                holdout);
        runs.promotion(run.runId(), decision);
        log.info("Run {}: promotion decided again: {}", run.runId(), decision);
        return decision;
    }

    /** The dataset version's clean rows, checked against their SHA-256. */
    private CsvTable rows(DatasetRef dataset) {
        return CsvTable.read(new ByteArrayInputStream(store.getVerified(dataset.dataKey(), dataset.dataSha256())));
    }

    private static void ifStillOwned(Runnable change) {
        try {
            change.run();
        } catch (LeaseLost e) {
            log.warn("Not recorded: {}", e.getMessage());
        }
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
