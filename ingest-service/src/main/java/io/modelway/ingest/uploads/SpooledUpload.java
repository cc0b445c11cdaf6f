package io.modelway.ingest.uploads;

import io.modelway.core.storage.Sha256;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.BodyTooLargeException;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;

/**
 * The request body copied to a local file as it arrives, with its SHA-256, so that it can be read
 * again (clean) without holding it in memory. {@code raw} is the body as received;
 * {@code text} is the same file, or its decompressed copy when the body came gzip-encoded.
 * A reader given to {@link #spool(InputStream, boolean, UploadLimits, Consumer)} sees the text while it arrives,
 * so that the first reading of the rows costs no pass of its own.
 */
record SpooledUpload(Path raw, Path text, String sha256, long size) implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    static SpooledUpload spool(InputStream body, boolean gzip, UploadLimits limits) {
        return spool(body, gzip, limits, text -> {
        });
    }

    /**
     * Spools the body; {@code whileArriving} reads its text (decompressed) as it arrives, as far as it wants, and
     * must not fail: what it cannot read it keeps to report later. The rest is copied after it returns. A body
     * that cannot be received (too large, broken gzip) fails the spool whatever the reader saw of it.
     */
    static SpooledUpload spool(InputStream body, boolean gzip, UploadLimits limits, Consumer<InputStream> whileArriving) {
        Path raw = null;
        Path text = null;
        try {
            raw = Files.createTempFile("modelway-upload-", ".raw");
            MessageDigest digest = Sha256.newDigest();
            Copying received;
            try (OutputStream rawOut = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(raw), BUFFER),
                    digest)) {
                received = new Copying(body, rawOut);
                if (!gzip) {
                    read(received, whileArriving);
                } else {
                    text = Files.createTempFile("modelway-upload-", ".txt");
                    try (OutputStream textOut = new BufferedOutputStream(Files.newOutputStream(text), BUFFER)) {
                        read(new Copying(new Decompressing(received, limits), textOut), whileArriving);
                    }
                }
                // What follows a gzip stream is not part of its text, but it is part of the body and of its SHA-256.
                received.transferTo(OutputStream.nullOutputStream());
            }
            return new SpooledUpload(raw, text == null ? raw : text, Sha256.hex(digest), received.count);
        } catch (ZipException | java.io.EOFException e) {
            deleteQuietly(text);
            deleteQuietly(raw);
            throw new UnreadableUploadException("Body is declared gzip but is not valid gzip: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            deleteQuietly(text);
            deleteQuietly(raw);
            throw e.toApiException();
        } catch (IOException e) {
            deleteQuietly(text);
            deleteQuietly(raw);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(text);
            deleteQuietly(raw);
            throw e;
        }
    }

    /** Lets the reader see the text, then copies what it left; a failure to receive the text is the spool's. */
    private static void read(Copying text, Consumer<InputStream> whileArriving) throws IOException {
        whileArriving.accept(new Unclosable(text));
        if (text.failure instanceof IOException e) {
            throw e;
        }
        if (text.failure instanceof RuntimeException e) {
            throw e;
        }
        text.transferTo(OutputStream.nullOutputStream());
    }

    /** A stream read in blocks, whose single bytes and skips go through its block read. */
    private abstract static class BlockStream extends FilterInputStream {

        BlockStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public abstract int read(byte[] buffer, int offset, int length) throws IOException;

        // Skipped bytes are read all the same: what reading does with them (copy, count, limit) still happens.
        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.max(1, Math.min(n, 8192))];
            long left = n;
            for (int read; left > 0 && (read = read(buffer, 0, (int) Math.min(left, buffer.length))) > 0; ) {
                left -= read;
            }
            return n - left;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Writes every byte read through it to {@code copy}, counts them, and keeps the first failure to read. */
    private static final class Copying extends BlockStream {

        private final OutputStream copy;
        private long count;
        private Exception failure;

        Copying(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
            if (n > 0) {
                copy.write(buffer, offset, n);
                count += n;
            }
            return n;
        }
    }

    /**
     * The gzip body's text, stopping at the decompressed size limit or the compression ratio limit. The gzip
     * header is read on the first read, so an empty body is an empty text (refused later as an empty upload).
     */
    private static final class Decompressing extends BlockStream {

        private final Copying compressed;
        private final UploadLimits limits;
        private InputStream gunzip;
        private long written;

        Decompressing(Copying compressed, UploadLimits limits) {
            super(compressed);
            this.compressed = compressed;
            this.limits = limits;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (gunzip == null) {
                PushbackInputStream start = new PushbackInputStream(compressed, 1);
                int first = start.read();
                if (first < 0) {
                    gunzip = InputStream.nullInputStream();
                } else {
                    start.unread(first);
                    gunzip = new GZIPInputStream(start, BUFFER);
                }
            }
            int n = gunzip.read(buffer, offset, length);
            if (n > 0) {
                written += n;
                check();
            }
            return n;
        }

        // What the compressed stream holds says nothing of how much text it makes.
        @Override
        public int available() {
            return 0;
        }

        // The ratio is taken against the compressed bytes received so far: a bomb is stopped while it inflates.
        private void check() {
            long compressedSoFar = Math.max(1, compressed.count);
            long byRatio = compressedSoFar > Long.MAX_VALUE / limits.maxCompressionRatio() ? Long.MAX_VALUE
                    : compressedSoFar * limits.maxCompressionRatio();
            long bySize = limits.maxDecompressedSize().toBytes();
            if (written > bySize) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", "The body decompresses to more than "
                        + limits.maxDecompressedSize().toMegabytes() + " MB, the limit (MODELWAY_INGEST_MAX_DECOMPRESSED_SIZE)");
            }
            if (written > byRatio && written > BUFFER) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", "The body decompresses to more than "
                        + limits.maxCompressionRatio() + " times its " + compressedSoFar
                        + " bytes (MODELWAY_INGEST_MAX_COMPRESSION_RATIO): refused as a gzip bomb");
            }
        }
    }

    /** The text as the reader sees it: closing it leaves the spool to finish the copy. */
    private static final class Unclosable extends FilterInputStream {

        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }

    @Override
    public void close() {
        deleteQuietly(text);
        deleteQuietly(raw);
    }
}
