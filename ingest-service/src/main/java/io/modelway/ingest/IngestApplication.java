package io.modelway.ingest;

import io.modelway.core.events.EventRetries;
import io.modelway.core.outbox.OutboxConfiguration;
import io.modelway.core.security.ResourceServerSecurity;
import io.modelway.core.storage.StorageConfiguration;
import io.modelway.core.web.ProblemHandling;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({StorageConfiguration.class, OutboxConfiguration.class, EventRetries.class, ProblemHandling.class,
        ResourceServerSecurity.class})
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
