package io.modelway.serving.models;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model versions this server answers with, one per model name. A swap replaces the reference in one
 * step: a request that already holds the old version finishes on it, the next one gets the new one.
 */
@Component
public class ServedModels {

    private static final Logger log = LoggerFactory.getLogger(ServedModels.class);

    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    ServedModels(MeterRegistry meters) {
        this.meters = meters;
    }

    public Optional<LoadedModel> get(String model) {
        return Optional.ofNullable(models.get(model));
    }

    public Map<String, LoadedModel> all() {
        return Map.copyOf(models);
    }

    void swap(LoadedModel loaded) {
        LoadedModel previous = models.put(loaded.model(), loaded);
        Gauge.builder("modelway_served_model_version", models,
                        m -> m.containsKey(loaded.model()) ? m.get(loaded.model()).version() : 0)
                .tag("model", loaded.model()).description("Version each model is served at (0: none)")
                .register(meters);
        log.info("Serving {} v{} (was {})", loaded.model(), loaded.version(),
                previous == null ? "none" : "v" + previous.version());
    }

    void remove(String model) {
        if (models.remove(model) != null) {
            log.info("Stopped serving {}", model);
        }
    }
}
