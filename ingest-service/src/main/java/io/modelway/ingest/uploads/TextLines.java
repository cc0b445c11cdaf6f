package io.modelway.ingest.uploads;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Lines of a text stream with their numbers, each at most {@code maxLength} characters, so that one
 * endless line cannot exhaust memory. Accepts \n, \r\n and \r endings.
 */
final class TextLines implements AutoCloseable {

    private final Reader reader;
    private final int maxLength;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean pendingCarriageReturn;

    TextLines(Reader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
    }

    /** Number of the line last returned by {@link #next()}, from 1. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its ending, or null at the end of the stream. */
    String next() {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                if (line == null) {
                    return null;
                }
                lineNumber++;
                return line.toString();
            }
            if (pendingCarriageReturn) {
                pendingCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line == null) {
                line = new StringBuilder(Math.max(16, position - start));
            }
            line.append(buffer, start, position - start);
            if (line.length() > maxLength) {
                throw new UnreadableUploadException("Line " + (lineNumber + 1) + " is longer than " + maxLength
                        + " characters");
            }
            if (position < limit) {
                pendingCarriageReturn = buffer[position] == '\r';
                position++;
                lineNumber++;
                return line.toString();
            }
        }
    }

    private boolean fill() {
        try {
            int read = reader.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        } catch (IOException e) {
            throw RowSource.unreadable(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
