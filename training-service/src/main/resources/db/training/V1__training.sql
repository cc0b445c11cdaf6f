create table training_specs (
    model      text primary key,
    spec       jsonb not null,
    updated_at timestamptz not null default now()
);

create table training_runs (
    run_id          uuid primary key,
    model           text not null,
    status          text not null,
    reason          text not null,
    dataset         text not null,
    dataset_version integer,
    dataset_sha256  text,
    spec            jsonb not null,
    params_sha256   text,
    code_version    text,
    epoch           integer not null default 0,
    epochs          integer not null default 0,
    history         jsonb not null default '[]',
    metrics         jsonb not null default '{}',
    model_version   integer,
    promotion       jsonb,
    error           text,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
create index training_runs_model on training_runs (model, created_at desc);
create index training_runs_status on training_runs (status, created_at);

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
