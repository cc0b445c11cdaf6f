package io.modelway.core.storage;

/** An object as written: its key, the SHA-256 of its bytes (hex) and its size. */
public record StoredObject(String key, String sha256, long size) {
}
