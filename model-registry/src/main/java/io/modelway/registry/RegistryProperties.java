package io.modelway.registry;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code protectedAliases}: aliases only {@code ops} may move, roll back or delete (what serving answers with). */
@ConfigurationProperties("modelway.registry")
public record RegistryProperties(List<String> protectedAliases) {

    public RegistryProperties {
        protectedAliases = protectedAliases == null ? List.of("production") : List.copyOf(protectedAliases);
    }
}
