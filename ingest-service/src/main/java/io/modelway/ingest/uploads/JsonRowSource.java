package io.modelway.ingest.uploads;

import io.modelway.core.json.ModelwayJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * A JSON array of objects. The header is the dataset's columns, or for a dataset's first upload every key
 * seen, in the order first seen, which takes one extra pass over the file; a key an object lacks reads as
 * missing, an object with a key the header lacks is quarantined. An element that is not an object is
 * quarantined; a syntax error ends the upload, since nothing after it can be trusted to line up.
 */
final class JsonRowSource implements RowSource {

    // Each element is read on its own from a longer stream, so what follows it is not an error.
    private static final ObjectReader NODE_READER = ModelwayJson.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<String> header;
    private final JsonParser parser;
    private final boolean array;

    JsonRowSource(Path file, List<String> columns) {
        List<String> keys = scanKeys(file);
        this.header = columns == null ? keys : columns;
        this.parser = ModelwayJson.mapper().createParser(RowSource.strictUtf8(file));
        this.array = startsArray(parser);
    }

    private static List<String> scanKeys(Path file) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        try (JsonParser parser = ModelwayJson.mapper().createParser(RowSource.strictUtf8(file))) {
            boolean array = startsArray(parser);
            for (JsonNode node; (node = readNode(parser, array)) != null; ) {
                if (node.isObject()) {
                    node.propertyNames().forEach(keys::add);
                }
            }
        } catch (JacksonException e) {
            throw RowSource.unreadable(e);
        }
        if (keys.isEmpty()) {
            throw new UnreadableUploadException("Upload holds no JSON objects: expected an array of objects");
        }
        return List.copyOf(keys);
    }

    private static boolean startsArray(JsonParser parser) {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnreadableUploadException("Upload is empty");
            }
            return first == JsonToken.START_ARRAY;
        } catch (JacksonException e) {
            throw RowSource.unreadable(e);
        }
    }

    /** The next element; the parser is on its first token (NDJSON) or just before it (array). */
    private static JsonNode readNode(JsonParser parser, boolean array) {
        JsonToken token = array ? parser.nextToken() : parser.currentToken() == null ? parser.nextToken()
                : parser.currentToken();
        if (token == null || (array && token == JsonToken.END_ARRAY)) {
            return null;
        }
        JsonNode node = NODE_READER.readValue(parser);
        if (!array) {
            parser.nextToken();
        }
        return node;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SourceRow next() {
        long line;
        JsonNode node;
        try {
            line = parser.currentLocation().getLineNr();
            node = readNode(parser, array);
        } catch (JacksonException e) {
            throw RowSource.unreadable(e);
        }
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            return SourceRow.unreadable(line, node.toString(), "not a JSON object");
        }
        List<String> unknown = unknownKeys(node, header);
        return unknown.isEmpty() ? SourceRow.of(line, fields(node, header), node::toString)
                : SourceRow.unknownFields(line, node::toString, unknown);
    }

    /** The object's keys that are not in the header, in their order. */
    static List<String> unknownKeys(JsonNode node, List<String> header) {
        if (node.size() <= header.size() && node.propertyNames().stream().allMatch(header::contains)) {
            return List.of();
        }
        return node.propertyNames().stream().filter(key -> !header.contains(key)).toList();
    }

    /** The object's values in header order: null when absent or null, nested values as JSON text. */
    static List<String> fields(JsonNode node, List<String> header) {
        List<String> fields = new ArrayList<>(header.size());
        for (String key : header) {
            JsonNode value = node.get(key);
            fields.add(value == null || value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString());
        }
        return fields;
    }

    @Override
    public void close() {
        parser.close();
    }

}
