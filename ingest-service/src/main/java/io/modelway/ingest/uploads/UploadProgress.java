package io.modelway.ingest.uploads;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Row counts of the uploads in progress, for the API, the {@code modelway_ingest_rows_in_progress}
 * gauge, and the record of an upload that fails half-way.
 */
@Component
public class UploadProgress {

    /** Rows read so far, and where each went; received = clean + quarantined at every update. */
    public record Counts(long received, long clean, long quarantined) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    private final Map<String, Counts> running = new ConcurrentHashMap<>();

    UploadProgress(MeterRegistry meters) {
        Gauge.builder("modelway_ingest_rows_in_progress", running,
                        r -> r.values().stream().mapToLong(Counts::received).sum())
                .description("Rows read so far by uploads still in progress").register(meters);
    }

    void start(String dataset, int version) {
        running.put(key(dataset, version), Counts.NONE);
    }

    void update(String dataset, int version, Counts counts) {
        running.computeIfPresent(key(dataset, version), (k, previous) -> counts);
    }

    Counts counts(String dataset, int version) {
        return running.getOrDefault(key(dataset, version), Counts.NONE);
    }

    void finish(String dataset, int version) {
        running.remove(key(dataset, version));
    }

    /** Counts so far for a version being ingested, or null when it is not in progress. */
    public Counts inProgress(String dataset, int version) {
        return running.get(key(dataset, version));
    }

    private static String key(String dataset, int version) {
        return dataset + "/" + version;
    }
}
