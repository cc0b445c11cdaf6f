package io.modelway.serving.predict;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request and event ids. A request id names the version that answered, {@code <model>:<version>:<uuid>}, so
 * feedback can be keyed and checked without the server remembering every request (a map of recent requests
 * made every young collection copy it). UUIDs are random (version 4) from the thread's fast generator:
 * {@link UUID#randomUUID()} draws from SecureRandom, which cost several percent of a prediction; these ids
 * need to be unique, not secret.
 */
public final class RequestIds {

    /** The model and version a request id names. */
    public record Answered(String model, int version) {
    }

    private RequestIds() {
    }

    static String requestId(String model, int version) {
        return model + ':' + version + ':' + next();
    }

    /** The model and version in a request id this server made; empty for any other text. */
    public static Optional<Answered> answered(String requestId) {
        int last = requestId.lastIndexOf(':');
        int middle = last > 0 ? requestId.lastIndexOf(':', last - 1) : -1;
        if (middle <= 0) {
            return Optional.empty();
        }
        try {
            UUID.fromString(requestId.substring(last + 1));
            return Optional.of(new Answered(requestId.substring(0, middle),
                    Integer.parseInt(requestId.substring(middle + 1, last))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
