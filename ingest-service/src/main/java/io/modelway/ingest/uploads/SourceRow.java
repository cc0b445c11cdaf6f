package io.modelway.ingest.uploads;

import java.util.List;
import java.util.function.Supplier;

/**
 * One record of an upload: where it starts, its fields in header order, and its text as received,
 * which is only rendered when someone asks (a quarantined row keeps it; clean rows never need it).
 */
record SourceRow(long line, List<String> fields, Supplier<String> text, String problem) {

    static SourceRow of(long line, List<String> fields, Supplier<String> text) {
        return new SourceRow(line, fields, text, null);
    }

    static SourceRow of(long line, List<String> fields, String text) {
        return new SourceRow(line, fields, () -> text, null);
    }

    /** A record that could not be read as a row at all (in JSON: not an object). */
    static SourceRow unreadable(long line, String text, String problem) {
        return new SourceRow(line, List.of(), () -> text, problem);
    }

    String raw() {
        return text.get();
    }

    SourceRow withFields(List<String> reordered) {
        return new SourceRow(line, reordered, text, problem);
    }
}
