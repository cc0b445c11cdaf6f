package io.modelway.ingest.uploads;

import io.modelway.ingest.cleaning.QuarantineReason;
import java.util.List;
import java.util.function.Supplier;

/**
 * One record of an upload: where it starts, its fields in header order, and its text as received,
 * which is only rendered when someone asks (a quarantined row keeps it; clean rows never need it).
 * {@code problem} is why the record is quarantined before cleaning (it could not be read as a row), or null.
 */
record SourceRow(long line, List<String> fields, Supplier<String> text, QuarantineReason problem) {

    static SourceRow of(long line, List<String> fields, Supplier<String> text) {
        return new SourceRow(line, fields, text, null);
    }

    static SourceRow of(long line, List<String> fields, String text) {
        return new SourceRow(line, fields, () -> text, null);
    }

    /** A record that could not be read as a row at all (in JSON: not an object). */
    static SourceRow unreadable(long line, String text, String problem) {
        return new SourceRow(line, List.of(), () -> text, new QuarantineReason(QuarantineReason.UNREADABLE, null, problem));
    }

    /** A record with a key the dataset's schema does not have: its values cannot be placed, so none are kept. */
    static SourceRow unknownFields(long line, Supplier<String> text, List<String> keys) {
        String named = String.join("', '", keys);
        return new SourceRow(line, List.of(), text, new QuarantineReason(QuarantineReason.UNKNOWN_FIELD, keys.get(0),
                (keys.size() == 1 ? "'" + named + "' is not a column" : "'" + named + "' are not columns")
                        + " of the dataset's schema"));
    }

    String raw() {
        return text.get();
    }

    SourceRow withFields(List<String> reordered) {
        return new SourceRow(line, reordered, text, problem);
    }
}
