package io.modelway.training.clients;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.ObjectStore;
import io.modelway.training.TrainingProperties;
import java.util.UUID;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Resolves dataset versions through ingest-service's API; the schema comes from the version's manifest. */
@Component
public class IngestClient {

    private final RestClient http;
    private final ObjectStore store;

    IngestClient(TrainingProperties properties, ObjectStore store) {
        this.http = RestClient.builder().baseUrl(properties.ingestUrl())
                .requestFactory(new JdkClientHttpRequestFactory()).build();
        this.store = store;
    }

    /** {@code version} null means the latest published version. */
    public DatasetRef resolve(String dataset, Integer version) {
        String body = http.get().uri("/api/datasets/{d}/versions/{v}", dataset, version == null ? "latest" : version)
                .retrieve().body(String.class);
        JsonNode v = ModelwayJson.mapper().readTree(body);
        if (!"PUBLISHED".equals(v.path("status").asString())) {
            throw new IllegalStateException("Dataset " + dataset + " v" + v.path("version").asInt() + " is not published");
        }
        JsonNode manifestRef = v.path("objects").path("manifest");
        byte[] manifest = store.getVerified(manifestRef.path("key").asString(), manifestRef.path("sha256").asString());
        DatasetSchema schema = ModelwayJson.mapper().treeToValue(ModelwayJson.mapper().readTree(manifest).path("schema"),
                DatasetSchema.class);
        JsonNode data = v.path("objects").path("data");
        JsonNode raw = v.path("objects").path("raw");
        DatasetRef.Source source = new DatasetRef.Source(
                v.path("uploadId").isString() ? UUID.fromString(v.path("uploadId").asString()) : null,
                raw.path("key").asString(null), raw.path("sha256").asString(null), v.path("contentType").asString(null));
        return new DatasetRef(dataset, v.path("version").asInt(), data.path("key").asString(),
                data.path("sha256").asString(), schema, source);
    }
}
