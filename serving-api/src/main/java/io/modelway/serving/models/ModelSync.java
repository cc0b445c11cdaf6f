package io.modelway.serving.models;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.ModelAliasChanged;
import io.modelway.serving.ServingProperties;
import java.util.Optional;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Keeps the served versions equal to what the alias points to in the registry: at once on every
 * {@link ModelAliasChanged}, and by a full reconciliation at start and every {@code resync-interval}, so a
 * missed event or a registry that was down only delays a swap. While the registry cannot be reached, the
 * last good versions keep serving.
 */
@Component
class ModelSync implements DisposableBean, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ModelSync.class);

    private final RegistryClient registry;
    private final ModelLoader loader;
    private final ServedModels served;
    private final ServingProperties properties;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "model-sync"));
    private volatile boolean synced;
    private volatile String lastError;

    ModelSync(RegistryClient registry, ModelLoader loader, ServedModels served, ServingProperties properties) {
        this.registry = registry;
        this.loader = loader;
        this.served = served;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.scheduleWithFixedDelay(this::reconcileAll, 0, properties.resyncInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Alias events from {@code modelway.models}; other event types on the topic are not for serving. */
    @Bean
    Consumer<Message<byte[]>> modelEvents() {
        return message -> {
            if (EventMessages.read(message) instanceof ModelAliasChanged event
                    && properties.alias().equals(event.alias())) {
                thread.execute(() -> reconcile(event.model(), Optional.ofNullable(event.version())));
            }
        };
    }

    private void reconcileAll() {
        try {
            for (String model : registry.models()) {
                reconcile(model, registry.alias(model, properties.alias()));
            }
            synced = true;
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.toString();
            log.warn("Registry not reachable for reconciliation, serving what is loaded: {}", e.toString());
        }
    }

    private void reconcile(String model, Optional<Integer> version) {
        if (version.isEmpty()) {
            served.remove(model);
            return;
        }
        Optional<LoadedModel> current = served.get(model);
        if (current.isPresent() && current.get().version() == version.get()) {
            return;
        }
        try {
            served.swap(loader.load(model, version.get()));
        } catch (RuntimeException e) {
            lastError = e.toString();
            log.error("Could not load {} v{}; still serving {}: {}", model, version.get(),
                    current.map(m -> "v" + m.version()).orElse("nothing"), e.toString());
        }
    }

    /** Ready once the served versions were reconciled with the registry at least once. */
    @Override
    public Health health() {
        Health.Builder health = synced ? Health.up() : Health.outOfService();
        served.all().forEach((name, model) -> health.withDetail(name, "v" + model.version()));
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
