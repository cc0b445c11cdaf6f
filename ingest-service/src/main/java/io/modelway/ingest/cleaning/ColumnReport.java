package io.modelway.ingest.cleaning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What cleaning found and did per column, across all rows of an upload: missing, imputed, coerced and
 * normalised values, and violations of the schema (not a number, out of range, unknown category,
 * outliers). A row may count in several columns; its quarantine reason names the first.
 */
public final class ColumnReport {

    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    void count(String column, String finding) {
        counts.computeIfAbsent(column, c -> new TreeMap<>()).merge(finding, 1L, Long::sum);
    }

    /** Column to finding to number of values; columns with nothing to report are left out. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((column, findings) -> copy.put(column, Map.copyOf(findings)));
        return copy;
    }
}
