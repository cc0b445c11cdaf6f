package io.modelway.ingest.uploads;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Rows read so far by the uploads in progress, for the API and the {@code modelway_ingest_rows_in_progress} gauge. */
@Component
public class UploadProgress {

    private final Map<String, AtomicLong> running = new ConcurrentHashMap<>();

    UploadProgress(MeterRegistry meters) {
        Gauge.builder("modelway_ingest_rows_in_progress", running,
                        r -> r.values().stream().mapToLong(AtomicLong::get).sum())
                .description("Rows read so far by uploads still in progress").register(meters);
    }

    void start(String dataset, int version) {
        running.put(key(dataset, version), new AtomicLong());
    }

    void update(String dataset, int version, long rows) {
        AtomicLong counter = running.get(key(dataset, version));
        if (counter != null) {
            counter.set(rows);
        }
    }

    long rows(String dataset, int version) {
        AtomicLong counter = running.get(key(dataset, version));
        return counter == null ? 0 : counter.get();
    }

    void finish(String dataset, int version) {
        running.remove(key(dataset, version));
    }

    /** Rows read so far for a version being ingested, if it is in progress. */
    public Long inProgress(String dataset, int version) {
        AtomicLong counter = running.get(key(dataset, version));
        return counter == null ? null : counter.get();
    }

    private static String key(String dataset, int version) {
        return dataset + "/" + version;
    }
}
