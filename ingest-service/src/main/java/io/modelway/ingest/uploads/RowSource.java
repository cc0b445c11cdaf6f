package io.modelway.ingest.uploads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a spooled upload row by row, whatever its format, with a fixed header. Streaming: memory does
 * not grow with the number of rows.
 */
interface RowSource extends AutoCloseable {

    List<String> header();

    /** The next row, or null at the end. */
    SourceRow next();

    @Override
    void close();

    /**
     * {@code columns}: the dataset's schema, or null when it is to be inferred from this upload. A JSON record is
     * read against the schema on its own: a key the schema lacks quarantines it, a key it lacks reads as missing.
     * A CSV upload has one header for all rows, which {@link SchemaMatch} holds against the schema.
     */
    static RowSource open(UploadFormat format, Path file, List<String> columns) {
        return switch (format) {
            case CSV -> new CsvRowSource(strictUtf8(file));
            case JSON -> new JsonRowSource(file, columns);
            case NDJSON -> new NdjsonRowSource(file, columns);
        };
    }

    /**
     * A reader that fails on invalid UTF-8 instead of inventing replacement characters, and skips a
     * leading byte-order mark (spreadsheet exports often start with one).
     */
    static Reader strictUtf8(Path file) {
        try {
            return strictUtf8(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same over a stream, which is closed with the reader. */
    static Reader strictUtf8(InputStream stream) {
        try {
            InputStream in = new BufferedInputStream(stream);
            in.mark(3);
            byte[] start = in.readNBytes(3);
            if (!(start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static UnreadableUploadException unreadable(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof CharacterCodingException)) {
            cause = cause.getCause();
        }
        if (cause instanceof CharacterCodingException) {
            return new UnreadableUploadException("Body is not valid UTF-8 text");
        }
        return new UnreadableUploadException("Body cannot be parsed: " + e.getMessage());
    }
}
