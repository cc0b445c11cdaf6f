package io.modelway.training;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the services training talks to are: ingest (dataset versions) and the model registry. */
@ConfigurationProperties("modelway.training")
public record TrainingProperties(String ingestUrl, String registryUrl) {

    public TrainingProperties {
        ingestUrl = ingestUrl == null ? "http://127.0.0.1:8081" : ingestUrl;
        registryUrl = registryUrl == null ? "http://127.0.0.1:8083" : registryUrl;
    }
}
