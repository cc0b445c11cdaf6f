package io.modelway.ingest.feedback;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stored object read as a stream whose end fails when its bytes are not the SHA-256 recorded for them. */
final class VerifiedStream extends FilterInputStream {

    private final String key;
    private final String expected;
    private final MessageDigest digest;
    private boolean checked;

    VerifiedStream(InputStream in, String key, String expectedSha256) {
        super(in);
        this.key = key;
        this.expected = expectedSha256;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
        } else if (n < 0 && !checked) {
            checked = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException(key + " is not the data recorded for it: SHA-256 " + actual + ", expected "
                        + expected);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Every byte must pass the digest: skipping reads.
        long skipped = 0;
        byte[] buffer = new byte[8192];
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
