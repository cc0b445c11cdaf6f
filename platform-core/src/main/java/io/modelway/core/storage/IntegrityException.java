package io.modelway.core.storage;

/** An object's bytes do not match the SHA-256 recorded for it: it was changed after it was written. */
public class IntegrityException extends RuntimeException {

    private final String key;

    public IntegrityException(String key, String expected, String actual) {
        super("Object " + key + " has SHA-256 " + actual + " but " + expected + " was recorded");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
