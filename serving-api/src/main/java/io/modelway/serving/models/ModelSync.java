package io.modelway.serving.models;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.core.api.registry.ModelSummary;
import io.modelway.core.events.EventMessages;
import io.modelway.core.events.ModelAliasChanged;
import io.modelway.core.events.ModelTagChanged;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.serving.ServingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Keeps each model's route equal to what the registry says: the served alias's version, plus the canary and
 * shadow its tags ask for. At once on every alias move or {@code serving.*} tag change, and by a full
 * reconciliation at start and every {@code resync-interval}, so a missed event only delays a swap. While the
 * registry cannot be reached or a wanted version fails to load, the full reconciliation is tried again soon, with a
 * backoff from half a second up to the interval. A new version is downloaded, checked and warmed before the route
 * is replaced; meanwhile the last good route keeps serving and readiness reports {@code DEGRADED} with the reason.
 */
@Component
class ModelSync implements DisposableBean, HealthIndicator, ServingReadiness {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ModelSync.class);

    private final RegistryClient registry;
    private final ModelLoader loader;
    private final ServedModels served;
    private final ServingProperties properties;
    private final MeterRegistry meters;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "model-sync"));
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile boolean synced;
    /** Models the registry wants served here that have no route at all: nothing to answer them with. */
    private volatile int unserved;
    private Duration retry = FIRST_RETRY;
    private volatile String registryError;
    private volatile Instant registryErrorSince;

    ModelSync(RegistryClient registry, ModelLoader loader, ServedModels served, ServingProperties properties,
            MeterRegistry meters) {
        this.registry = registry;
        this.loader = loader;
        this.served = served;
        this.properties = properties;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.execute(this::reconcileAndReschedule);
    }

    /** One full reconciliation, then the next: at the interval when all went well, sooner when it did not. */
    private void reconcileAndReschedule() {
        Duration next = properties.resyncInterval();
        try {
            reconcileAll();
        } finally {
            if (registryError != null || !failures.isEmpty()) {
                next = retry.compareTo(next) < 0 ? retry : next;
                retry = retry.multipliedBy(2);
            } else {
                retry = FIRST_RETRY;
            }
            if (!thread.isShutdown()) {
                thread.schedule(this::reconcileAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Alias moves and serving tag changes from {@code modelway.models}; other event types are not for serving. */
    @Bean
    Consumer<Message<byte[]>> modelEvents() {
        return message -> {
            ModelwayEvent event = EventMessages.read(message);
            String model = null;
            if (event instanceof ModelAliasChanged moved) {
                model = moved.model();
            } else if (event instanceof ModelTagChanged tagged && tagged.version() == null
                    && tagged.tag().startsWith("serving.")) {
                model = tagged.model();
            }
            if (model != null) {
                String changed = model;
                thread.execute(() -> reconcileOne(changed));
            }
        };
    }

    private void reconcileAll() {
        try {
            Map<String, ModelSummary> models = new HashMap<>();
            registry.models().forEach(m -> models.put(m.name(), m));
            models.values().forEach(this::reconcile);
            served.all().keySet().stream().filter(name -> !models.containsKey(name)).forEach(served::remove);
            unserved = (int) models.values().stream()
                    .filter(m -> ModelRoute.Wanted.of(m, properties.alias()).primary() != null)
                    .filter(m -> served.route(m.name()).isEmpty()).count();
            synced = true;
            registryReachable();
        } catch (RuntimeException e) {
            registryUnreachable(e);
        }
    }

    private void reconcileOne(String model) {
        try {
            Optional<ModelSummary> registered = registry.model(model);
            registered.ifPresentOrElse(this::reconcile, () -> served.remove(model));
            registryReachable();
        } catch (RuntimeException e) {
            registryUnreachable(e);
        }
    }

    private void reconcile(ModelSummary model) {
        ModelRoute.Wanted wanted = ModelRoute.Wanted.of(model, properties.alias());
        if (wanted.primary() == null) {
            served.remove(model.name());
            failures.remove(model.name());
            return;
        }
        Optional<ModelRoute> current = served.route(model.name());
        if (current.isPresent() && same(current.get(), wanted)) {
            failures.remove(model.name());
            return;
        }
        Timer.Sample timer = Timer.start(meters);
        try {
            ModelRoute route = new ModelRoute(obtain(model.name(), wanted.primary()),
                    wanted.canary() == null ? null : obtain(model.name(), wanted.canary()), wanted.canaryPercent(),
                    wanted.shadow() == null ? null : obtain(model.name(), wanted.shadow()), wanted.policy());
            served.swap(model.name(), route);
            timer.stop(meters.timer("modelway_model_swap_duration", "model", model.name()));
            failures.remove(model.name());
        } catch (RuntimeException e) {
            failures.put(model.name(), e.toString());
            log.error("Could not load what {} needs ({}); still serving {}: {}", model.name(), wanted,
                    current.map(r -> "v" + r.primary().version()).orElse("nothing"), e.toString());
        }
    }

    private LoadedModel obtain(String model, int version) {
        return served.loaded(model, version).orElseGet(() -> loader.load(model, version));
    }

    private static boolean same(ModelRoute route, ModelRoute.Wanted wanted) {
        return route.primary().version() == wanted.primary()
                && Objects.equals(version(route.canary()), wanted.canary())
                && route.canaryPercent() == wanted.canaryPercent()
                && Objects.equals(version(route.shadow()), wanted.shadow())
                && route.policy().equals(wanted.policy());
    }

    private static Integer version(LoadedModel model) {
        return model == null ? null : model.version();
    }

    private void registryReachable() {
        registryError = null;
        registryErrorSince = null;
    }

    private void registryUnreachable(RuntimeException e) {
        if (registryError == null) {
            registryErrorSince = Instant.now();
        }
        registryError = e.toString();
        log.warn("Registry not reachable, serving what is loaded: {}", e.toString());
    }

    /**
     * Out of service until the routes were reconciled with the registry once, and while the registry wants models
     * served of which none could be loaded; then up, or {@code DEGRADED} (still answering with the last good
     * versions) while the registry is unreachable or a wanted version fails to load.
     */
    @Override
    public Status status() {
        if (!synced || unserved > 0 && served.all().isEmpty()) {
            return Status.OUT_OF_SERVICE;
        }
        return registryError != null || !failures.isEmpty() ? DEGRADED : Status.UP;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.status(status());
        if (!synced) {
            health.withDetail("sync", "not yet reconciled with the registry");
        }
        served.all().forEach((name, route) -> health.withDetail(name, "v" + route.primary().version()
                + (route.canary() == null ? "" : ", canary v" + route.canary().version() + " " + route.canaryPercent() + "%")
                + (route.shadow() == null ? "" : ", shadow v" + route.shadow().version())));
        if (registryError != null) {
            health.withDetail("registry", "unreachable since " + registryErrorSince + ": " + registryError);
        }
        Map<String, String> failed = Map.copyOf(failures);
        if (!failed.isEmpty()) {
            health.withDetail("loadFailures", failed);
        }
        return health.build();
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
