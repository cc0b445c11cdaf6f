-- Production rows with their true labels, as the monitor joined them: one row per model and request id, however
-- often the join arrives. dataset_version is the version of the spec's dataset they went into; null while they
-- wait for the feedback policy's minimum.
create table ground_truth (
    model           text not null,
    request_id      text not null,
    model_version   integer not null,
    input           jsonb not null,
    true_label      jsonb,
    predicted_at    timestamptz,
    labelled_at     timestamptz not null,
    received_at     timestamptz not null default now(),
    dataset_version integer,
    primary key (model, request_id)
);
create index ground_truth_pending on ground_truth (model, labelled_at) where dataset_version is null;
create index ground_truth_labelled on ground_truth (model, labelled_at);
