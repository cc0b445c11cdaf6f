package io.modelway.core.events;

import io.modelway.core.schema.DatasetSchema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A dataset version was published: its objects are in the store and will not change. */
public record DatasetVersionCreated(UUID eventId, Instant occurredAt, String dataset, int version,
        long rowsReceived, long rowsClean, long rowsQuarantined, String dataSha256, String sourceSha256,
        Map<String, String> objects, DatasetSchema schema) implements ModelwayEvent {

    @Override
    public String key() {
        return dataset;
    }
}
