package io.modelway.test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until something asynchronous has happened, failing with the last value seen when it does not. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Calls {@code probe} until {@code done} accepts its value, which is returned; fails after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            pause(POLL);
            last = probe.get();
        }
        return last;
    }

    /**
     * Lets {@code time} pass, for a test that must show something does not happen (a run stays queued, a window
     * is not closed) rather than wait for something that does.
     */
    public static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while pausing", e);
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, condition, Boolean::booleanValue);
    }
}
