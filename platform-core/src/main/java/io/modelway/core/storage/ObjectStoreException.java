package io.modelway.core.storage;

/** The object store could not be reached or refused an operation. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
