package io.modelway.ingest.cleaning;

import java.util.List;

/** A row after the cleaning rules: either clean values in schema order, or the reason it was set aside. */
public sealed interface CleaningResult {

    record Clean(List<String> values) implements CleaningResult {
    }

    record Quarantined(QuarantineReason reason) implements CleaningResult {
    }
}
