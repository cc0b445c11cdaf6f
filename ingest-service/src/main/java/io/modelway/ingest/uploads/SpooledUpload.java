package io.modelway.ingest.uploads;

import io.modelway.core.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The request body copied to a local file as it arrives, with its SHA-256, so that it can be read
 * several times (infer, clean) without holding it in memory. {@code raw} is the body as received;
 * {@code text} is the same file, or its decompressed copy when the body came gzip-encoded.
 */
record SpooledUpload(Path raw, Path text, String sha256, long size) implements AutoCloseable {

    static SpooledUpload spool(InputStream body, boolean gzip) {
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
                try (InputStream in = new GZIPInputStream(Files.newInputStream(raw))) {
                    Files.copy(in, text, StandardCopyOption.REPLACE_EXISTING);
                } catch (ZipException | java.io.EOFException e) {
                    Files.deleteIfExists(text);
                    throw new UnreadableUploadException("Body is declared gzip but is not valid gzip: " + e.getMessage());
                }
            }
            return new SpooledUpload(raw, text, Sha256.hex(digest), size);
        } catch (IOException e) {
            deleteQuietly(raw);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(raw);
            throw e;
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
