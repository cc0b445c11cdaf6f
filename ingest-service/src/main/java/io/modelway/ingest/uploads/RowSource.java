package io.modelway.ingest.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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

    static RowSource open(UploadFormat format, Path file) {
        return switch (format) {
            case CSV -> new CsvRowSource(strictUtf8(file));
            case JSON, NDJSON -> new JsonRowSource(file);
        };
    }

    /** A reader that fails on invalid UTF-8 instead of inventing replacement characters. */
    static Reader strictUtf8(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
