package io.modelway.core.models;

/** A model artifact that is not what Modelway writes, or whose signature or checksum does not hold: it is never loaded. */
public class UnsafeArtifactException extends RuntimeException {

    public UnsafeArtifactException(String message) {
        super(message);
    }

    public UnsafeArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
