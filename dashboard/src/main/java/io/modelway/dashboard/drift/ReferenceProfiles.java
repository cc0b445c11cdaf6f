package io.modelway.dashboard.drift;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.profile.DatasetProfile;
import io.modelway.dashboard.overview.DashboardProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The training profile of a model version: the registry says which dataset version trained it, ingest serves
 * that version's {@code profile.json}. Versions are immutable, so each is fetched once.
 */
@Component
public class ReferenceProfiles {

    private final RestClient http;
    private final DashboardProperties services;
    private final Map<String, DatasetProfile> cache = new ConcurrentHashMap<>();

    public ReferenceProfiles(DashboardProperties services, RestClient serviceClient) {
        this.http = serviceClient;
        this.services = services;
    }

    public DatasetProfile of(String model, int version) {
        return cache.computeIfAbsent(model + "/" + version, key -> {
            JsonNode registered = ModelwayJson.mapper().readTree(http.get()
                    .uri(services.services().get("registry") + "/api/models/{m}/versions/{v}", model, version)
                    .retrieve().body(String.class));
            String dataset = registered.path("dataset").asString(null);
            if (dataset == null || !registered.path("datasetVersion").isNumber()) {
                throw new IllegalStateException(model + " v" + version + " names no dataset version to compare with");
            }
            byte[] profile = http.get().uri(services.services().get("ingest") + "/api/datasets/{d}/versions/{v}/profile",
                    dataset, registered.get("datasetVersion").asInt()).retrieve().body(byte[].class);
            return ModelwayJson.read(profile, DatasetProfile.class);
        });
    }
}
