package io.modelway.ingest.versions;

import java.time.Instant;

/** One dataset in the list: how many published versions it has and the latest one. */
public record DatasetSummary(String name, int versions, Integer latestVersion, Instant createdAt) {
}
