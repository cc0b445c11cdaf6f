package io.modelway.ingest.uploads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.api.ingest.DatasetVersion.ObjectRef;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.outbox.EventTooLargeException;
import io.modelway.core.outbox.Outbox;
import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.ObjectStoreException;
import io.modelway.core.storage.StoredObject;
import io.modelway.core.web.ApiException;
import io.modelway.ingest.cleaning.RowCleaner;
import io.modelway.ingest.schema.DatasetSchemaRepository;
import io.modelway.ingest.versions.DatasetVersionRepository;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an upload into an immutable dataset version: spool and store the raw bytes, infer or apply
 * the schema, clean every row into the clean or quarantine file, profile, write the manifest, then
 * publish the version and its {@link DatasetVersionCreated} event in one transaction.
 */
@Service
public class IngestionService implements DisposableBean {

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
    /** Writes to the object store that run beside the cleaning pass; each upload waits for its own. */
    private final ExecutorService storing = Executors.newFixedThreadPool(4, daemons("ingest-store-"));

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
     * Where a version's rows came from, when not from an upload alone: {@code summary} is shown with the version,
     * {@code manifest} (the summary and every id it names) is kept in its manifest.
     */
    public record Provenance(Map<String, Object> summary, Map<String, Object> manifest) {
    }

    /**
     * Ingests an upload; {@code inPublishTransaction} runs in the transaction that publishes the new version
     * (not at all when the upload fails or repeats an earlier one), for work that must commit with it.
     */
    public Outcome ingest(String dataset, String contentType, boolean gzip, InputStream body, String actor,
            Runnable inPublishTransaction) {
        return ingest(dataset, contentType, gzip, body, actor, inPublishTransaction, null);
    }

    /** Ingests rows whose {@code provenance} (null for an upload) the version keeps. */
    public Outcome ingest(String dataset, String contentType, boolean gzip, InputStream body, String actor,
            Runnable inPublishTransaction, Provenance provenance) {
        DatasetNames.check(dataset);
        UploadFormat format = UploadFormat.fromContentType(contentType);
        Optional<DatasetSchema> known = schemas.find(dataset);
        boolean declared = known.isPresent() && schemas.isDeclared(dataset);
        FirstReading first = new FirstReading(format, known.orElse(null));
        try (SpooledUpload upload = SpooledUpload.spool(body, gzip, limits, first::whileArriving)) {
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
                return new Outcome(store(dataset, version, uploadId, format, contentType, upload, first, declared,
                        actor, inPublishTransaction, provenance), true);
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

    private DatasetVersion store(String dataset, int version, UUID uploadId, UploadFormat format, String contentType,
            SpooledUpload upload, FirstReading first, boolean declared, String actor, Runnable inPublishTransaction,
            Provenance provenance) {
        // The raw body is stored on another thread while the rows are cleaned: two cores, two jobs.
        Future<StoredObject> raw = storing.submit(() -> store.put("raw/" + dataset + "/" + uploadId, upload.raw(),
                contentType, upload.sha256()));
        try {
            return build(dataset, version, uploadId, format, contentType, upload, first, declared, actor,
                    inPublishTransaction, provenance, raw);
        } finally {
            // The spooled file is deleted once this returns: the store must be done reading it, whatever happened.
            awaitQuietly(raw);
        }
    }

    private DatasetVersion build(String dataset, int version, UUID uploadId, UploadFormat format, String contentType,
            SpooledUpload upload, FirstReading first, boolean declared, String actor, Runnable inPublishTransaction,
            Provenance provenance, Future<StoredObject> raw) {
        DatasetSchema schema = first.schema(upload.text());
        if (schema.columns().size() > limits.maxColumns()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "header", "The upload has " + schema.columns().size()
                    + " columns, more than the limit of " + limits.maxColumns() + " (MODELWAY_INGEST_MAX_COLUMNS)");
        }
        DatasetProfile statistics = first.statistics(upload.text());
        String prefix = "datasets/" + dataset + "/v" + version + "/";
        try (RowSource source = SchemaMatch.conform(RowSource.open(format, upload.text(), schema.columnNames()), schema);
                CleaningPass pass = new CleaningPass(schema, new RowCleaner(schema, statistics, declared))) {
            pass.run(source, rowsCounter, counts -> progress.update(dataset, version, counts));
            pass.finish();
            if (pass.received() == 0) {
                throw new UnreadableUploadException("Upload has a header but no rows");
            }
            Future<StoredObject> quarantine = storing.submit(() -> store.put(prefix + "quarantine.csv",
                    pass.quarantineFile(), "text/csv", pass.quarantineSha256()));
            StoredObject data;
            try {
                data = store.put(prefix + "data.csv", pass.cleanFile(), "text/csv", pass.cleanSha256());
            } finally {
                awaitQuietly(quarantine);
            }
            Map<String, ObjectRef> objects = new LinkedHashMap<>();
            objects.put("raw", ref(await(raw)));
            objects.put("data", ref(data));
            objects.put("quarantine", ref(await(quarantine)));
            objects.put("profile", ref(store.put(prefix + "profile.json", ModelwayJson.toBytes(pass.profile()),
                    "application/json")));
            Instant now = Instant.now();
            DatasetManifest manifest = new DatasetManifest(dataset, version, uploadId, contentType, pass.received(),
                    pass.clean(), pass.quarantined(), pass.reasons(), Map.copyOf(objects), schema, pass.columnReport(),
                    actor, now, provenance == null ? null : provenance.manifest());
            objects.put("manifest", ref(store.put(prefix + "manifest.json", ModelwayJson.toBytes(manifest),
                    "application/json")));
            DatasetVersion published = new DatasetVersion(dataset, version, DatasetVersion.PUBLISHED, uploadId,
                    contentType, upload.sha256(), objects.get("data").sha256(), pass.received(), pass.clean(),
                    pass.quarantined(), pass.reasons(), objects, null, now, now, pass.columnReport(), actor,
                    provenance == null ? null : provenance.summary());
            Map<String, String> keys = new LinkedHashMap<>();
            objects.forEach((name, ref) -> keys.put(name, ref.key()));
            DatasetVersionCreated event = new DatasetVersionCreated(UUID.randomUUID(), now, dataset, version,
                    pass.received(), pass.clean(), pass.quarantined(), published.dataSha256(), upload.sha256(), keys,
                    schema);
            try {
                transactions.executeWithoutResult(s -> {
                    schemas.saveInferred(dataset, schema);
                    versions.publish(published);
                    outbox.append(BINDING, event);
                    inPublishTransaction.run();
                });
            } catch (EventTooLargeException e) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", "The schema inferred from the upload is too "
                        + "large to announce on Kafka (" + e.getMessage() + "): fewer or shorter columns and categories "
                        + "would fit");
            }
            log.info("Published {} v{}: {} rows received, {} clean, {} quarantined", dataset, version, pass.received(),
                    pass.clean(), pass.quarantined());
            quality.published(dataset, pass.clean(), pass.quarantined(), pass.reasons());
            return versions.find(dataset, version).orElseThrow();
        }
    }

    /** The object a write on the storing thread stored; its failure, as this thread's. */
    private static StoredObject await(Future<StoredObject> put) {
        try {
            return put.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ObjectStoreException("Could not store the upload", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("Interrupted while storing the upload", e);
        }
    }

    private static void awaitQuietly(Future<StoredObject> put) {
        try {
            put.get();
        } catch (ExecutionException e) {
            // The caller has failed already, or reads this failure through await.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        storing.shutdownNow();
    }

    private static ObjectRef ref(StoredObject object) {
        return new ObjectRef(object.key(), object.sha256(), object.size());
    }
}
