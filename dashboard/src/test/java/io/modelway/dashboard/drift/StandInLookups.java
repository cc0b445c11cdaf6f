package io.modelway.dashboard.drift;

import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.profile.ProfileBuilder;
import io.modelway.test.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.ResourceAccessException;

/**
 * What the drift monitor would read from the registry, ingest and training services, for flow tests that run
 * the dashboard alone:
 * <ul>
 * <li>penguins' training profile for every model version;</li>
 * <li>models named {@code loop-*} retrain on PSI above 0.25 for two windows, once per hour, twice a day;
 * {@code replay-*} on PSI above 0.25 in one window, with no cooldown;</li>
 * <li>training-service's record of drift retrains: {@code loop-restarted} had one ten minutes ago (before the
 * process started), {@code loop-unreachable} cannot be asked; every other model has none.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInLookups {

    @Bean
    @Primary
    ReferenceProfiles penguinsProfiles() {
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        ProfileBuilder builder = new ProfileBuilder(Samples.inferredSchema(rows));
        rows.forEach(row -> builder.observe(List.copyOf(row.values())));
        DatasetProfile profile = builder.build();
        return new ReferenceProfiles(null, null) {
            @Override
            public DatasetProfile of(String model, int version) {
                return profile;
            }
        };
    }

    @Bean
    @Primary
    DriftPolicies testPolicies() {
        return new DriftPolicies(null) {
            @Override
            public Optional<Policy> of(String model) {
                if (model.startsWith("loop-")) {
                    return Optional.of(new Policy("psi", 0.25, 2, Duration.ofHours(1), 2));
                }
                return model.startsWith("replay-") ? Optional.of(new Policy("psi", 0.25, 1, Duration.ZERO, 10))
                        : Optional.empty();
            }
        };
    }

    @Bean
    @Primary
    RetrainHistory trainingHistory() {
        return new RetrainHistory(null) {
            @Override
            public List<Instant> driftRetrainsSince(String model, Instant since) {
                return switch (model) {
                    case "loop-restarted" -> List.of(Instant.now().minus(Duration.ofMinutes(10)));
                    case "loop-unreachable" -> throw new ResourceAccessException("training-service did not answer");
                    default -> List.of();
                };
            }
        };
    }
}
