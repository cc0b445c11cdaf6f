package io.modelway.core.models;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Imported by the services that load model versions (serving, and training for its promotion gate). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelArtifactsProperties.class)
public class ModelArtifacts {
}
