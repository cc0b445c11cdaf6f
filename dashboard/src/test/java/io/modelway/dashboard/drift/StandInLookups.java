package io.modelway.dashboard.drift;

import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.profile.ProfileBuilder;
import io.modelway.test.Samples;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the drift monitor would read from the registry and ingest, for flow tests that run the dashboard alone:
 * penguins' training profile for every model version, except the models named {@code late-*}, whose profile
 * is still being fetched until a test {@link #arrive}s it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInLookups {

    private static final Set<String> ARRIVED = ConcurrentHashMap.newKeySet();

    /** The profile of a {@code late-*} model has been fetched. */
    public static void arrive(String model) {
        ARRIVED.add(model);
    }

    @Bean
    @Primary
    ReferenceProfiles penguinsProfiles() {
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        ProfileBuilder builder = new ProfileBuilder(Samples.inferredSchema(rows));
        rows.forEach(row -> builder.observe(List.copyOf(row.values())));
        DatasetProfile profile = builder.build();
        return new ReferenceProfiles(null, null) {
            @Override
            public Optional<DatasetProfile> of(String model, int version) {
                return model.startsWith("late-") && !ARRIVED.contains(model) ? Optional.empty() : Optional.of(profile);
            }
        };
    }
}
