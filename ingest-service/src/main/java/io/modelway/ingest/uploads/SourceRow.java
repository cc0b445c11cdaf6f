package io.modelway.ingest.uploads;

import java.util.List;

/** One record of an upload: where it starts, its fields in header order, and its text as received. */
record SourceRow(long line, List<String> fields, String raw, String problem) {

    static SourceRow of(long line, List<String> fields, String raw) {
        return new SourceRow(line, fields, raw, null);
    }

    /** A record that could not be read as a row at all (in JSON: not an object). */
    static SourceRow unreadable(long line, String raw, String problem) {
        return new SourceRow(line, List.of(), raw, problem);
    }
}
