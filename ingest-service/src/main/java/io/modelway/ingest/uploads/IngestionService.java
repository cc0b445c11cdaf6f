package io.modelway.ingest.uploads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.api.ingest.DatasetVersion.ObjectRef;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.outbox.Outbox;
import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.SchemaInference;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.ObjectStoreException;
import io.modelway.core.storage.StoredObject;
import io.modelway.ingest.cleaning.RowCleaner;
import io.modelway.ingest.schema.DatasetSchemaRepository;
import io.modelway.ingest.versions.DatasetVersionRepository;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an upload into an immutable dataset version: spool and store the raw bytes, infer or apply
 * the schema, clean every row into the clean or quarantine file, profile, write the manifest, then
 * publish the version and its {@link DatasetVersionCreated} event in one transaction.
 */
@Service
public class IngestionService {

    static final String BINDING = "datasets-out-0";
    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

    private final ObjectStore store;
    private final DatasetVersionRepository versions;
    private final DatasetSchemaRepository schemas;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Counter rowsCounter;
    private final UploadProgress progress;
    private final DatasetQuality quality;
    private final UploadLimits limits;

    IngestionService(ObjectStore store, DatasetVersionRepository versions, DatasetSchemaRepository schemas,
            Outbox outbox, TransactionTemplate transactions, MeterRegistry meters, UploadProgress progress,
            UploadLimits limits) {
        this.limits = limits;
        this.store = store;
        this.versions = versions;
        this.schemas = schemas;
        this.outbox = outbox;
        this.transactions = transactions;
        this.rowsCounter = Counter.builder("modelway_ingest_rows").description("Rows read from uploads")
                .register(meters);
        this.progress = progress;
        this.quality = new DatasetQuality(meters);
    }

    /** Result of an upload: the version, and whether it was new or the same bytes seen before. */
    public record Outcome(DatasetVersion version, boolean created) {
    }

    /** Ingests an upload made by {@code actor} (the caller's user name or client id). */
    public Outcome ingest(String dataset, String contentType, boolean gzip, InputStream body, String actor) {
        return ingest(dataset, contentType, gzip, body, actor, () -> {
        });
    }

    /**
     * Ingests an upload; {@code inPublishTransaction} runs in the transaction that publishes the new version
     * (not at all when the upload fails or repeats an earlier one), for work that must commit with it.
     */
    public Outcome ingest(String dataset, String contentType, boolean gzip, InputStream body, String actor,
            Runnable inPublishTransaction) {
        DatasetNames.check(dataset);
        UploadFormat format = UploadFormat.fromContentType(contentType);
        try (SpooledUpload upload = SpooledUpload.spool(body, gzip, limits)) {
            if (upload.size() == 0) {
                throw new UnreadableUploadException("Upload is empty");
            }
            Optional<DatasetVersion> same = versions.findPublishedBySource(dataset, upload.sha256());
            if (same.isPresent()) {
                return new Outcome(same.get(), false);
            }
            UUID uploadId = UUID.randomUUID();
            int version = transactions.execute(s -> versions.reserve(dataset, uploadId, contentType, upload.sha256(),
                    actor));
            progress.start(dataset, version);
            try {
                return new Outcome(build(dataset, version, uploadId, format, contentType, upload, actor,
                        inPublishTransaction), true);
            } catch (ObjectStoreException e) {
                // The store is out, not the data at fault: no FAILED version for every retry of the caller or of
                // a streaming window; the reservation is given up and the caller is told to retry (503).
                giveUp(dataset, version, e);
                throw e;
            } catch (RuntimeException e) {
                UploadProgress.Counts counts = progress.counts(dataset, version);
                transactions.executeWithoutResult(s -> versions.fail(dataset, version, counts, e.getMessage()));
                log.warn("Upload {} to {} v{} failed after {} rows: {}", uploadId, dataset, version, counts.received(),
                        e.getMessage());
                throw e;
            } finally {
                progress.finish(dataset, version);
            }
        }
    }

    private void giveUp(String dataset, int version, ObjectStoreException cause) {
        try {
            transactions.executeWithoutResult(s -> versions.release(dataset, version));
            log.warn("Upload to {} v{} not stored, the reservation is given up: {}", dataset, version, cause.getMessage());
        } catch (RuntimeException e) {
            log.warn("Upload to {} v{} not stored ({}), and its reservation could not be given up: {}", dataset,
                    version, cause.getMessage(), e.toString());
        }
    }

    private DatasetVersion build(String dataset, int version, UUID uploadId, UploadFormat format, String contentType,
            SpooledUpload upload, String actor, Runnable inPublishTransaction) {
        StoredObject raw = store.put("raw/" + dataset + "/" + uploadId, upload.raw(), contentType, upload.sha256());
        DatasetSchema schema = schemas.find(dataset).orElseGet(() -> infer(format, upload));
        boolean declared = schemas.isDeclared(dataset);
        DatasetProfile statistics = needsStatistics(schema) ? statistics(format, upload, schema) : null;
        String prefix = "datasets/" + dataset + "/v" + version + "/";
        try (RowSource source = SchemaMatch.conform(RowSource.open(format, upload.text(), schema.columnNames()), schema);
                CleaningPass pass = new CleaningPass(schema, new RowCleaner(schema, statistics, declared))) {
            pass.run(source, rowsCounter, counts -> progress.update(dataset, version, counts));
            pass.finish();
            if (pass.received() == 0) {
                throw new UnreadableUploadException("Upload has a header but no rows");
            }
            Map<String, ObjectRef> objects = new LinkedHashMap<>();
            objects.put("raw", ref(raw));
            objects.put("data", ref(store.put(prefix + "data.csv", pass.cleanFile(), "text/csv", null)));
            objects.put("quarantine", ref(store.put(prefix + "quarantine.csv", pass.quarantineFile(), "text/csv", null)));
            objects.put("profile", ref(store.put(prefix + "profile.json", ModelwayJson.toBytes(pass.profile()),
                    "application/json")));
            Instant now = Instant.now();
            DatasetManifest manifest = new DatasetManifest(dataset, version, uploadId, contentType, pass.received(),
                    pass.clean(), pass.quarantined(), pass.reasons(), Map.copyOf(objects), schema, pass.columnReport(),
                    actor, now);
            objects.put("manifest", ref(store.put(prefix + "manifest.json", ModelwayJson.toBytes(manifest),
                    "application/json")));
            DatasetVersion published = new DatasetVersion(dataset, version, DatasetVersion.PUBLISHED, uploadId,
                    contentType, upload.sha256(), objects.get("data").sha256(), pass.received(), pass.clean(),
                    pass.quarantined(), pass.reasons(), objects, null, now, now, pass.columnReport(), actor);
            Map<String, String> keys = new LinkedHashMap<>();
            objects.forEach((name, ref) -> keys.put(name, ref.key()));
            DatasetVersionCreated event = new DatasetVersionCreated(UUID.randomUUID(), now, dataset, version,
                    pass.received(), pass.clean(), pass.quarantined(), published.dataSha256(), upload.sha256(), keys,
                    schema);
            transactions.executeWithoutResult(s -> {
                schemas.saveInferred(dataset, schema);
                versions.publish(published);
                outbox.append(BINDING, event);
                inPublishTransaction.run();
            });
            log.info("Published {} v{}: {} rows received, {} clean, {} quarantined", dataset, version, pass.received(),
                    pass.clean(), pass.quarantined());
            quality.published(dataset, pass.clean(), pass.quarantined(), pass.reasons());
            return versions.find(dataset, version).orElseThrow();
        }
    }

    private static DatasetSchema infer(UploadFormat format, SpooledUpload upload) {
        try (RowSource source = RowSource.open(format, upload.text(), null)) {
            SchemaInference inference = new SchemaInference(source.header());
            for (SourceRow row; (row = source.next()) != null; ) {
                if (row.problem() == null && row.fields().size() == source.header().size()) {
                    inference.observe(row.fields());
                }
            }
            return inference.result();
        }
    }

    private static boolean needsStatistics(DatasetSchema schema) {
        return schema.columns().stream().anyMatch(column -> column.rules().needsStatistics());
    }

    /** The extra pass for rules that need the whole upload's statistics (imputed means, outlier bounds). */
    private static DatasetProfile statistics(UploadFormat format, SpooledUpload upload, DatasetSchema schema) {
        RowCleaner.Statistics statistics = RowCleaner.statistics(schema);
        try (RowSource source = SchemaMatch.conform(RowSource.open(format, upload.text(), schema.columnNames()),
                schema)) {
            for (SourceRow row; (row = source.next()) != null; ) {
                if (row.problem() == null) {
                    statistics.observe(row.fields());
                }
            }
        }
        return statistics.result();
    }

    private static ObjectRef ref(StoredObject object) {
        return new ObjectRef(object.key(), object.sha256(), object.size());
    }
}
