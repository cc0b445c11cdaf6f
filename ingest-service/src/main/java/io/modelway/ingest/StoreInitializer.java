package io.modelway.ingest;

import io.modelway.core.storage.ObjectStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Creates the bucket on start, so a fresh object store works without a manual step. */
@Component
class StoreInitializer {

    private final ObjectStore store;

    StoreInitializer(ObjectStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createBucket() {
        store.ensureBucket();
    }
}
