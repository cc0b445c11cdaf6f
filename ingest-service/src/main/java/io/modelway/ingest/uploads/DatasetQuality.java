package io.modelway.ingest.uploads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Data quality as Prometheus sees it: rows of each published version by outcome (clean or quarantined) and
 * quarantined rows by reason, per dataset, so a rising quarantine share shows before a model trains on it.
 */
final class DatasetQuality {

    private final MeterRegistry meters;

    DatasetQuality(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(String dataset, long clean, long quarantined, Map<String, Long> reasons) {
        rows(dataset, "clean").increment(clean);
        rows(dataset, "quarantined").increment(quarantined);
        reasons.forEach((reason, count) -> Counter.builder("modelway_dataset_quarantined_rows")
                .description("Quarantined rows of published dataset versions, by reason")
                .tag("dataset", dataset).tag("reason", reason).register(meters).increment(count));
    }

    private Counter rows(String dataset, String outcome) {
        return Counter.builder("modelway_dataset_rows").description("Rows of published dataset versions, by outcome")
                .tag("dataset", dataset).tag("outcome", outcome).register(meters);
    }
}
