package io.modelway.serving.models;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.core.models.UnsafeArtifactException;
import io.modelway.core.web.ApiException;
import io.modelway.serving.ServingProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The versions this server answers with. Per model, a {@link ModelRoute} (the served alias's version, and any
 * canary and shadow), replaced in one step: a request that already holds the old route finishes on it, the
 * next one gets the new one. Versions asked for by number are loaded on first use and kept, a few per model.
 */
@Component
public class ServedModels {

    private static final Logger log = LoggerFactory.getLogger(ServedModels.class);

    private final Map<String, ModelRoute> routes = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, LoadedModel>> byNumber = new ConcurrentHashMap<>();
    private final ModelLoader loader;
    private final MeterRegistry meters;
    private final int cachedVersions;
    /** Versions being loaded for a request, so that requests for one version wait for one download. */
    private final Map<String, CompletableFuture<LoadedModel>> loading = new ConcurrentHashMap<>();

    ServedModels(ModelLoader loader, MeterRegistry meters, ServingProperties properties) {
        this.loader = loader;
        this.meters = meters;
        this.cachedVersions = properties.cachedVersions();
    }

    /** Whether the version is loaded here now (by a route or by an earlier request for it). */
    public boolean isLoaded(String model, int version) {
        return loaded(model, version).isPresent();
    }

    public Optional<ModelRoute> route(String model) {
        return Optional.ofNullable(routes.get(model));
    }

    public Map<String, ModelRoute> all() {
        return Map.copyOf(routes);
    }

    /**
     * A version by number: the route's if it has it, else loaded from the registry on first use. 404 when the
     * registry has no such version. The download happens outside any lock: requests for other versions, and model
     * sync, go on meanwhile; requests for this one wait for the same download, which the registry client's
     * deadlines bound.
     */
    public LoadedModel version(String model, int version) {
        Optional<LoadedModel> routed = route(model).flatMap(r -> r.members().stream()
                .filter(m -> m.version() == version).findFirst());
        if (routed.isPresent()) {
            return routed.get();
        }
        Map<Integer, LoadedModel> cache = byNumber.computeIfAbsent(model, m -> new LinkedHashMap<>(8, 0.75f, true));
        synchronized (cache) {
            LoadedModel cached = cache.get(version);
            if (cached != null) {
                return cached;
            }
        }
        String key = model + "/v" + version;
        CompletableFuture<LoadedModel> mine = new CompletableFuture<>();
        CompletableFuture<LoadedModel> inFlight = loading.putIfAbsent(key, mine);
        if (inFlight != null) {
            try {
                return inFlight.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            LoadedModel loaded = load(model, version);
            keep(model, cache, loaded);
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private LoadedModel load(String model, int version) {
        try {
            return loader.load(model, version);
        } catch (HttpClientErrorException.NotFound e) {
            throw ApiException.notFound("Model '" + model + "' has no version " + version + " in the registry");
        } catch (UnsafeArtifactException e) {
            log.error("{} v{} refused: {}", model, version, e.getMessage());
            throw ApiException.conflict("Model artifact refused: " + e.getMessage());
        }
    }

    private void keep(String model, Map<Integer, LoadedModel> cache, LoadedModel loaded) {
        synchronized (cache) {
            cache.put(loaded.version(), loaded);
            if (cache.size() > cachedVersions) {
                Integer eldest = cache.keySet().iterator().next();
                LoadedModel evicted = cache.remove(eldest);
                if (!inRoute(model, evicted)) {
                    evicted.retire();
                }
            }
        }
    }

    /** The version if it is loaded here now; never loads it. */
    public Optional<LoadedModel> find(String model, int version) {
        return loaded(model, version);
    }

    /** A loaded version of the model, if any, for reuse when a route is rebuilt. */
    Optional<LoadedModel> loaded(String model, int version) {
        List<LoadedModel> candidates = new ArrayList<>(route(model).map(ModelRoute::members).orElse(List.of()));
        Map<Integer, LoadedModel> cache = byNumber.get(model);
        if (cache != null) {
            synchronized (cache) {
                candidates.addAll(cache.values());
            }
        }
        return candidates.stream().filter(m -> m.version() == version).findFirst();
    }

    void swap(String model, ModelRoute route) {
        ModelRoute previous = routes.put(model, route);
        // One gauge per model, reading the routes: registered at the first swap, not again at every later one.
        if (meters.find("modelway_served_model_version").tag("model", model).gauge() == null) {
            Gauge.builder("modelway_served_model_version", routes,
                            r -> r.containsKey(model) ? r.get(model).primary().version() : 0)
                    .tag("model", model).description("Version each model is served at (0: none)")
                    .register(meters);
        }
        if (previous != null) {
            previous.members().stream().filter(m -> !route.members().contains(m) && !cached(model, m))
                    .forEach(LoadedModel::retire);
        }
        log.info("Serving {} v{}{}{} (was {})", model, route.primary().version(),
                route.canary() == null ? "" : ", canary v" + route.canary().version() + " at " + route.canaryPercent() + "%",
                route.shadow() == null ? "" : ", shadow v" + route.shadow().version(),
                previous == null ? "none" : "v" + previous.primary().version());
    }

    void remove(String model) {
        ModelRoute removed = routes.remove(model);
        if (removed != null) {
            removed.members().stream().filter(m -> !cached(model, m)).forEach(LoadedModel::retire);
            log.info("Stopped serving {}", model);
        }
    }

    private boolean inRoute(String model, LoadedModel m) {
        return route(model).map(r -> r.members().contains(m)).orElse(false);
    }

    private boolean cached(String model, LoadedModel m) {
        Map<Integer, LoadedModel> cache = byNumber.get(model);
        if (cache == null) {
            return false;
        }
        synchronized (cache) {
            return cache.containsValue(m);
        }
    }
}
