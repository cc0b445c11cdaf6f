package io.modelway.dashboard.drift;

import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.profile.DatasetProfile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The training profile of a model version: the registry says which dataset version trained it, ingest serves
 * that version's {@code profile.json}. Versions are immutable, so each is fetched once.
 */
@Component
public class ReferenceProfiles {

    private final RegistryApi registry;
    private final IngestApi ingest;
    private final Map<String, DatasetProfile> cache = new ConcurrentHashMap<>();

    public ReferenceProfiles(RegistryApi registry, IngestApi ingest) {
        this.registry = registry;
        this.ingest = ingest;
    }

    public DatasetProfile of(String model, int version) {
        return cache.computeIfAbsent(model + "/" + version, key -> {
            ModelVersion registered = registry.version(model, version);
            if (registered.dataset() == null || registered.datasetVersion() == null) {
                throw new IllegalStateException(model + " v" + version + " names no dataset version to compare with");
            }
            return ModelwayJson.read(ingest.profile(registered.dataset(), registered.datasetVersion().toString()),
                    DatasetProfile.class);
        });
    }
}
