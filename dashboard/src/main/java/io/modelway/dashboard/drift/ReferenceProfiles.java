package io.modelway.dashboard.drift;

import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.profile.DatasetProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The training profile of a model version: the registry says which dataset version trained it, ingest serves
 * that version's {@code profile.json}. Versions are immutable, so each is fetched once. The fetch runs on a thread
 * of its own ({@code drift-profiles}), never on the consumer's: a registry or ingest that hangs delays a window's
 * measurement, not the reading of predictions.
 */
@Component
public class ReferenceProfiles implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReferenceProfiles.class);
    /** How long after a failed fetch the next one may start. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final RegistryApi registry;
    private final IngestApi ingest;
    private final Map<String, DatasetProfile> loaded = new ConcurrentHashMap<>();
    private final Set<String> fetching = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final ExecutorService fetches = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "drift-profiles");
        thread.setDaemon(true);
        return thread;
    });

    public ReferenceProfiles(RegistryApi registry, IngestApi ingest) {
        this.registry = registry;
        this.ingest = ingest;
    }

    /** The profile when it has been fetched; otherwise empty, and a fetch starts unless one runs or failed just now. */
    public Optional<DatasetProfile> of(String model, int version) {
        String key = model + "/" + version;
        DatasetProfile profile = loaded.get(key);
        if (profile != null) {
            return Optional.of(profile);
        }
        Long failed = failedAt.get(key);
        if ((failed == null || System.nanoTime() - failed > RETRY.toNanos()) && fetching.add(key)) {
            fetches.execute(() -> fetch(key, model, version));
        }
        return Optional.empty();
    }

    private void fetch(String key, String model, int version) {
        try {
            ModelVersion registered = registry.version(model, version);
            if (registered.dataset() == null || registered.datasetVersion() == null) {
                throw new IllegalStateException(model + " v" + version + " names no dataset version to compare with");
            }
            loaded.put(key, ModelwayJson.read(ingest.profile(registered.dataset(),
                    registered.datasetVersion().toString()), DatasetProfile.class));
            failedAt.remove(key);
        } catch (RuntimeException e) {
            // Kept as a failure with its time; the next window of this version asks again after RETRY.
            failedAt.put(key, System.nanoTime());
            log.warn("No training profile for {} v{} yet; its drift windows wait for it: {}", model, version, e.toString());
        } finally {
            fetching.remove(key);
        }
    }

    @Override
    public void destroy() {
        fetches.shutdownNow();
    }
}
