package io.modelway.core.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on a Modelway Kafka topic. {@link #eventId()} is the idempotency key: consumers process
 * each id once, whatever the number of deliveries. {@link #key()} is the Kafka record key (the
 * dataset or model the event is about), so that one key's events stay in order on one partition.
 */
public sealed interface ModelwayEvent permits DatasetVersionCreated, TrainingRequested, TrainingRunUpdated,
        ModelVersionRegistered, ModelAliasChanged, ModelTagChanged, PredictionLogged, FeedbackReceived, DriftMeasured,
        LabelledPrediction {

    UUID eventId();

    Instant occurredAt();

    String key();
}
