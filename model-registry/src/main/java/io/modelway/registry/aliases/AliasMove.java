package io.modelway.registry.aliases;

import java.time.Instant;

/** One move of an alias: to which version, from which, at which revision, why and by whom. */
public record AliasMove(long id, String model, String alias, Integer version, Integer previousVersion, long revision,
        String reason, String changedBy, Instant changedAt) {
}
