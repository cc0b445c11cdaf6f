package io.modelway.training.clients;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.ingest.LabelledRowsUpload;
import io.modelway.core.api.registry.VersionLineage;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.web.ApiException;
import io.modelway.training.TrainingProperties;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Resolves dataset versions through ingest-service's API; the schema comes from the version's manifest. */
@Component
public class IngestClient {

    private final IngestApi ingest;
    private final ObjectStore store;

    IngestClient(TrainingProperties properties, ServiceClients clients, ObjectStore store) {
        this.ingest = clients.create(IngestApi.class, properties.ingestUrl(), ServiceClients.Deadlines.DEFAULT);
        this.store = store;
    }

    /** The dataset's schema; empty while the dataset has none (no upload and no declared schema yet). */
    public Optional<DatasetSchema> schema(String dataset) {
        return ServiceClients.unlessNotFound(() -> ingest.schema(dataset));
    }

    /**
     * The published version a run would train on ({@code version} null: the latest); a 404 problem when there is
     * none, a 409 when that version did not publish.
     */
    public DatasetVersion requirePublished(String dataset, Integer version) {
        String which = version == null ? "latest" : version.toString();
        DatasetVersion found = ServiceClients.unlessNotFound(() -> ingest.version(dataset, which))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "datasetVersion", version == null
                        ? "Dataset '" + dataset + "' has no published version yet"
                        : "Dataset '" + dataset + "' has no version " + version));
        if (!DatasetVersion.PUBLISHED.equals(found.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "datasetVersion", "Dataset '" + dataset + "' v"
                    + found.version() + " is " + found.status() + ", not PUBLISHED");
        }
        return found;
    }

    /** Production rows with their true labels become a version of {@code dataset} (or the one they made before). */
    public DatasetVersion labelledRows(String dataset, LabelledRowsUpload rows) {
        return ingest.labelledRows(dataset, rows);
    }

    /** {@code version} null means the latest published version. */
    public DatasetRef resolve(String dataset, Integer version) {
        DatasetVersion v = ingest.version(dataset, version == null ? "latest" : version.toString());
        if (!DatasetVersion.PUBLISHED.equals(v.status())) {
            throw new IllegalStateException("Dataset " + dataset + " v" + v.version() + " is not published");
        }
        DatasetVersion.ObjectRef manifestRef = v.objects().get("manifest");
        byte[] manifest = store.getVerified(manifestRef.key(), manifestRef.sha256());
        DatasetSchema schema = ModelwayJson.mapper().treeToValue(ModelwayJson.mapper().readTree(manifest).path("schema"),
                DatasetSchema.class);
        DatasetVersion.ObjectRef data = v.objects().get("data");
        DatasetVersion.ObjectRef raw = v.objects().get("raw");
        VersionLineage.Source source = new VersionLineage.Source(v.uploadId(), raw == null ? null : raw.key(),
                raw == null ? null : raw.sha256(), v.contentType());
        return new DatasetRef(dataset, v.version(), data.key(), data.sha256(), schema, source);
    }
}
