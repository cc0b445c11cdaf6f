package io.modelway.registry.models;

import java.time.Instant;
import java.util.Map;

/** One model in the list: its number of versions, the latest, and where its aliases point. */
public record ModelSummary(String name, int versions, Integer latestVersion, Map<String, Integer> aliases,
        Instant createdAt) {
}
