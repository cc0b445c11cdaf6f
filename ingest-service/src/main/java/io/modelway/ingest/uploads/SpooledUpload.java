package io.modelway.ingest.uploads;

import io.modelway.core.storage.Sha256;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.BodyTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;

/**
 * The request body copied to a local file as it arrives, with its SHA-256, so that it can be read
 * several times (infer, clean) without holding it in memory. {@code raw} is the body as received;
 * {@code text} is the same file, or its decompressed copy when the body came gzip-encoded.
 */
record SpooledUpload(Path raw, Path text, String sha256, long size) implements AutoCloseable {

    static SpooledUpload spool(InputStream body, boolean gzip, UploadLimits limits) {
        Path raw = null;
        try {
            raw = Files.createTempFile("modelway-upload-", ".raw");
            MessageDigest digest = Sha256.newDigest();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(raw), digest)) {
                size = body.transferTo(out);
            }
            Path text = raw;
            if (gzip && size > 0) {
                text = Files.createTempFile("modelway-upload-", ".txt");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(raw));
                        OutputStream out = Files.newOutputStream(text)) {
                    decompress(in, out, size, limits);
                } catch (ZipException | java.io.EOFException e) {
                    Files.deleteIfExists(text);
                    throw new UnreadableUploadException("Body is declared gzip but is not valid gzip: " + e.getMessage());
                } catch (RuntimeException e) {
                    Files.deleteIfExists(text);
                    throw e;
                }
            }
            return new SpooledUpload(raw, text, Sha256.hex(digest), size);
        } catch (BodyTooLargeException e) {
            deleteQuietly(raw);
            throw e.toApiException();
        } catch (IOException e) {
            deleteQuietly(raw);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(raw);
            throw e;
        }
    }

    /** Copies the decompressed body, stopping at the decompressed size limit or the compression ratio limit. */
    private static void decompress(InputStream in, OutputStream out, long compressed, UploadLimits limits)
            throws IOException {
        long byRatio = compressed > Long.MAX_VALUE / limits.maxCompressionRatio() ? Long.MAX_VALUE
                : compressed * limits.maxCompressionRatio();
        long max = Math.min(limits.maxDecompressedSize().toBytes(), byRatio);
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            written += n;
            if (written > max) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", max == byRatio
                        ? "The body decompresses to more than " + limits.maxCompressionRatio() + " times its "
                                + compressed + " bytes (MODELWAY_INGEST_MAX_COMPRESSION_RATIO): refused as a gzip bomb"
                        : "The body decompresses to more than " + limits.maxDecompressedSize().toMegabytes()
                                + " MB, the limit (MODELWAY_INGEST_MAX_DECOMPRESSED_SIZE)");
            }
            out.write(buffer, 0, n);
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
