package io.modelway.training.feedback;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.api.ingest.LabelledRowsUpload;
import io.modelway.core.api.training.TrainingSpec;
import io.modelway.training.clients.IngestClient;
import io.modelway.training.specs.SpecRepository;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns ground truth into training data, on each spec's {@code feedback} policy: once {@code minRows} rows
 * labelled within {@code maxAge} are in no version yet, they go to ingest as labelled rows of the spec's dataset
 * ({@code append}: after the latest version's rows; {@code window}: every row labelled within {@code maxAge}, the
 * newest {@value #MAX_ROWS} at most). Ingest cleans them like an upload and announces the version, so the spec's
 * {@code new-data} trigger trains on it and a drift retrain finds it as the latest. One replica publishes a model
 * at a time (a database lock held while it does); the same rows sent again make no second version, since ingest
 * answers the version the same bytes made. Counted in {@code modelway_feedback_versions_total{model}}.
 */
@Component
class FeedbackPublisher {

    private static final Logger log = LoggerFactory.getLogger(FeedbackPublisher.class);
    static final int MAX_ROWS = 100_000;

    private final SpecRepository specs;
    private final GroundTruthRepository rows;
    private final IngestClient ingest;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    FeedbackPublisher(SpecRepository specs, GroundTruthRepository rows, IngestClient ingest,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.specs = specs;
        this.rows = rows;
        this.ingest = ingest;
        this.transactions = transactions;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${modelway.training.feedback-check-interval:5s}")
    void publishDue() {
        for (TrainingSpec spec : specs.all()) {
            if (spec.feedback() == null || spec.label() == null) {
                continue;
            }
            try {
                publish(spec);
            } catch (RuntimeException e) {
                // Ingest or the store away: the rows stay pending and the next check sends them.
                log.warn("Ground truth of {} not published yet: {}", spec.model(), e.toString());
            }
        }
    }

    /** Publishes the model's pending rows when its policy says so; the new version, or null. */
    DatasetVersion publish(TrainingSpec spec) {
        TrainingSpec.Feedback policy = spec.feedback();
        return transactions.execute(s -> {
            if (!rows.lockModel(spec.model())) {
                return null;
            }
            rows.prune(spec.model(), policy.maxAge());
            long pending = rows.pending(spec.model(), policy.maxAge());
            if (pending < policy.minRows()) {
                return null;
            }
            boolean window = LabelledRowsUpload.WINDOW.equals(policy.mix());
            List<LabelledRowsUpload.Row> labelled = window
                    ? rows.newest(spec.model(), spec.label(), policy.maxAge(), MAX_ROWS)
                    : rows.oldestPending(spec.model(), spec.label(), policy.maxAge(), MAX_ROWS);
            DatasetVersion version = ingest.labelledRows(spec.dataset(), new LabelledRowsUpload(policy.mix(), null,
                    labelled));
            List<String> ids = new ArrayList<>(labelled.size());
            labelled.forEach(row -> ids.add(row.requestId()));
            rows.published(spec.model(), ids, version.version());
            meters.counter("modelway_feedback_versions", "model", spec.model()).increment();
            log.info("{}: {} labelled rows ({}, {} pending) became {} v{}: {} rows, {} clean, {} quarantined",
                    spec.model(), labelled.size(), policy.mix(), pending, spec.dataset(), version.version(),
                    version.rowsReceived(), version.rowsClean(), version.rowsQuarantined());
            return version;
        });
    }
}
