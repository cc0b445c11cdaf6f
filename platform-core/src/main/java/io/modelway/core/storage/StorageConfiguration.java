package io.modelway.core.storage;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imported by services that touch the object store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    @Bean
    ObjectStore objectStore(StorageProperties properties) {
        return new ObjectStore(properties);
    }

    /** Creates the bucket once the service is up, so a fresh object store needs no manual step. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> bucketOnStart(ObjectStore store) {
        return event -> store.ensureBucket();
    }
}
