package io.modelway.ingest.uploads;

import io.modelway.core.json.ModelwayJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * NDJSON: one JSON object per line, each line read on its own, so a line that is not valid JSON or not
 * an object, or that has a key the header lacks, is quarantined and the rest of the upload still counts. The
 * header is the dataset's columns, or for a dataset's first upload every key seen, in the order first seen
 * (one extra pass); a key an object lacks reads as missing. Blank lines are skipped.
 */
final class NdjsonRowSource implements RowSource {

    static final int MAX_LINE_LENGTH = 16 * 1024 * 1024;

    // A line holds exactly one value: `{"a":1}]` is a broken line, not an object.
    private static final ObjectReader LINE_READER = ModelwayJson.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<String> header;
    private final TextLines lines;

    NdjsonRowSource(Path file, List<String> columns) {
        List<String> keys = scanKeys(file);
        this.header = columns == null ? keys : columns;
        this.lines = new TextLines(RowSource.strictUtf8(file), MAX_LINE_LENGTH);
    }

    private static List<String> scanKeys(Path file) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        try (TextLines lines = new TextLines(RowSource.strictUtf8(file), MAX_LINE_LENGTH)) {
            for (String line; (line = lines.next()) != null; ) {
                JsonNode node = parse(line);
                if (node != null && node.isObject()) {
                    node.propertyNames().forEach(keys::add);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new UnreadableUploadException("Upload holds no JSON objects: expected one JSON object per line");
        }
        return List.copyOf(keys);
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return LINE_READER.readValue(line);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SourceRow next() {
        String line;
        do {
            line = lines.next();
        } while (line != null && line.isBlank());
        if (line == null) {
            return null;
        }
        JsonNode node;
        try {
            node = LINE_READER.readValue(line);
        } catch (JacksonException e) {
            return SourceRow.unreadable(lines.lineNumber(), line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return SourceRow.unreadable(lines.lineNumber(), line, "not a JSON object");
        }
        List<String> unknown = JsonRowSource.unknownKeys(node, header);
        return unknown.isEmpty() ? SourceRow.of(lines.lineNumber(), JsonRowSource.fields(node, header), line)
                : SourceRow.unknownFields(lines.lineNumber(), text(line), unknown);
    }

    private static Supplier<String> text(String line) {
        return () -> line;
    }

    @Override
    public void close() {
        lines.close();
    }
}
