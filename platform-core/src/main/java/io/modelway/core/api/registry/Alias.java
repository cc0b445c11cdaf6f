package io.modelway.core.api.registry;

import java.time.Instant;

/** Where an alias points now. {@code revision} grows with each move; send it back to move safely. */
public record Alias(String model, String alias, int version, long revision, Instant updatedAt, String updatedBy) {
}
