package io.modelway.serving;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code alias}: which alias of every model this server serves by default. {@code resyncInterval}: how
 * often the served versions are reconciled with the registry, in case an alias event was missed.
 */
@ConfigurationProperties("modelway.serving")
public record ServingProperties(String registryUrl, String alias, Duration resyncInterval, int maxBatch) {

    public ServingProperties {
        registryUrl = registryUrl == null ? "http://127.0.0.1:8083" : registryUrl;
        alias = alias == null ? "production" : alias;
        resyncInterval = resyncInterval == null ? Duration.ofSeconds(30) : resyncInterval;
        maxBatch = maxBatch <= 0 ? 1000 : maxBatch;
    }
}
