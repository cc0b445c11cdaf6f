package io.modelway.ingest.cleaning;

import java.util.Arrays;
import java.util.List;

/**
 * The rows seen so far, as 64-bit fingerprints in an open-addressing set: 16 bytes a row at most,
 * so deduplicating millions of rows fits a small heap. Two different rows share a fingerprint with
 * probability about n²/2⁶⁵ (under 10⁻⁶ for five million rows).
 */
final class RowFingerprints {

    private static final long EMPTY = 0L;
    private long[] slots = new long[1 << 12];
    private int size;
    private boolean zeroSeen;

    /** Adds the row; false when an equal row was added before. */
    boolean add(List<String> values) {
        long fingerprint = fingerprint(values);
        if (fingerprint == EMPTY) {
            boolean first = !zeroSeen;
            zeroSeen = true;
            return first;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        boolean added = insert(slots, fingerprint);
        if (added) {
            size++;
        }
        return added;
    }

    private boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        int i = (int) mix(fingerprint) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == fingerprint) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = fingerprint;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.stream(old).filter(f -> f != EMPTY).forEach(f -> insert(slots, f));
    }

    // FNV-1a over the characters with a separator that cannot occur in a field, then a final avalanche.
    static long fingerprint(List<String> values) {
        long hash = 0xcbf29ce484222325L;
        for (String value : values) {
            String text = value == null ? "" : value;
            for (int i = 0; i < text.length(); i++) {
                hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x1F_FFFF) * 0x100000001b3L;
        }
        return mix(hash);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
