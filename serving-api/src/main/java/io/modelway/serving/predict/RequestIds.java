package io.modelway.serving.predict;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for request and event ids, from the thread's fast generator: {@link UUID#randomUUID()}
 * draws from SecureRandom, which cost several percent of a prediction; these ids need to be unique, not secret.
 */
final class RequestIds {

    private RequestIds() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
