create table datasets (
    name            text primary key,
    schema_json     jsonb,
    schema_declared boolean not null default false,
    created_at      timestamptz not null default now()
);

-- A version number is reserved (PENDING) before its objects are written and becomes PUBLISHED with
-- the event in one transaction; a failed upload leaves FAILED and is never announced.
create table dataset_versions (
    dataset          text not null references datasets(name),
    version          integer not null,
    status           text not null,
    upload_id        uuid not null,
    content_type     text not null,
    source_sha256    text not null,
    data_sha256      text,
    rows_received    bigint not null default 0,
    rows_clean       bigint not null default 0,
    rows_quarantined bigint not null default 0,
    quarantine_reasons jsonb not null default '{}',
    objects          jsonb not null default '{}',
    error            text,
    created_at       timestamptz not null default now(),
    published_at     timestamptz,
    primary key (dataset, version)
);
create index dataset_versions_source on dataset_versions (dataset, source_sha256);

create table outbox (
    id          bigserial primary key,
    event_id    uuid not null unique,
    binding     text not null,
    message_key text not null,
    event_type  text not null,
    payload     text not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

create table processed_events (
    consumer     text not null,
    event_id     uuid not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
