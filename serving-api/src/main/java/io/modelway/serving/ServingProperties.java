package io.modelway.serving;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How this server serves.
 * <ul>
 * <li>{@code alias}: the alias of every model answered by default; {@code resyncInterval}: how often the served
 * versions are reconciled with the registry, in case an event was missed.</li>
 * <li>{@code registryTimeout}: the deadline of a registry lookup (a model, a manifest); {@code downloadTimeout}: of a
 * version's files. Past them the registry counts as unreachable and the last good versions keep answering.</li>
 * <li>{@code maxBatch}: most instances one request may carry.</li>
 * <li>{@code engine}: {@code auto} scores dense networks in plain Java when that reproduces DL4J's output, and
 * everything else with DL4J; {@code dl4j} always uses DL4J.</li>
 * <li>{@code batching} (DL4J engine): concurrent requests to one version are scored together, up to {@code maxRows} rows; a
 * worker that found more requests waiting waits up to {@code maxWait} for others to fill the batch. Each of
 * {@code workers} threads per version owns its own copy of the network.</li>
 * <li>{@code cachedVersions}: versions asked for by number, beyond those the aliases need, kept loaded per model.</li>
 * <li>{@code predictionLog.maxQueued}: bytes of predictions waiting to be sent to Kafka; beyond it they are
 * counted as dropped rather than slowing requests down or filling the heap.</li>
 * </ul>
 */
@ConfigurationProperties("modelway.serving")
public record ServingProperties(String registryUrl, String alias, Duration resyncInterval, int maxBatch,
        String engine, Batching batching, int cachedVersions, PredictionLog predictionLog, Duration registryTimeout,
        Duration downloadTimeout) {

    public ServingProperties {
        registryUrl = registryUrl == null ? "http://127.0.0.1:8083" : registryUrl;
        alias = alias == null ? "production" : alias;
        resyncInterval = resyncInterval == null ? Duration.ofSeconds(30) : resyncInterval;
        maxBatch = maxBatch <= 0 ? 1000 : maxBatch;
        engine = engine == null ? "auto" : engine;
        batching = batching == null ? new Batching(0, null, 0) : batching;
        cachedVersions = cachedVersions <= 0 ? 4 : cachedVersions;
        predictionLog = predictionLog == null ? new PredictionLog(null) : predictionLog;
        registryTimeout = registryTimeout == null ? Duration.ofSeconds(5) : registryTimeout;
        downloadTimeout = downloadTimeout == null ? Duration.ofSeconds(60) : downloadTimeout;
    }

    public record Batching(int maxRows, Duration maxWait, int workers) {

        public Batching {
            maxRows = maxRows <= 0 ? 64 : maxRows;
            maxWait = maxWait == null ? Duration.ofMillis(1) : maxWait;
            workers = workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
        }
    }

    public record PredictionLog(DataSize maxQueued) {

        public PredictionLog {
            maxQueued = maxQueued == null ? DataSize.ofMegabytes(16) : maxQueued;
        }
    }
}
