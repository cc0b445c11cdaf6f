package io.modelway.serving;

import io.modelway.core.models.ModelArtifacts;
import io.modelway.core.security.ResourceServerSecurity;
import io.modelway.core.web.ProblemHandling;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ProblemHandling.class, ResourceServerSecurity.class, ModelArtifacts.class})
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
