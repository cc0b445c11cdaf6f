package io.modelway.registry.tags;

/** Body of a tag PUT. */
record TagRequest(String value) {
}
