package io.modelway.core.api.registry;

import java.time.Instant;
import java.util.Map;

/** One model in the list: its number of versions, the latest, where its aliases point, and its tags. */
public record ModelSummary(String name, int versions, Integer latestVersion, Map<String, Integer> aliases,
        Map<String, String> tags, Instant createdAt) {
}
