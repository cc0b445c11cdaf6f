create table models (
    name       text primary key,
    created_at timestamptz not null default now()
);

create table model_versions (
    model           text not null references models(name),
    version         integer not null,
    run_id          uuid,
    model_type      text not null,
    dataset         text,
    dataset_version integer,
    dataset_sha256  text,
    params_sha256   text,
    metrics         jsonb not null default '{}',
    params          jsonb not null default '{}',
    created_at      timestamptz not null default now(),
    primary key (model, version)
);

create table model_artifacts (
    model      text not null,
    version    integer not null,
    file       text not null,
    object_key text not null,
    sha256     text not null,
    size       bigint not null,
    primary key (model, version, file),
    foreign key (model, version) references model_versions(model, version)
);

-- revision increases on every move, for optimistic locking of concurrent alias changes.
create table aliases (
    model      text not null references models(name),
    alias      text not null,
    version    integer not null,
    revision   bigint not null default 1,
    updated_at timestamptz not null default now(),
    updated_by text not null,
    primary key (model, alias),
    foreign key (model, version) references model_versions(model, version)
);

create table audit_log (
    id     bigserial primary key,
    model  text not null,
    action text not null,
    actor  text not null,
    detail jsonb not null default '{}',
    at     timestamptz not null default now()
);
create index audit_log_model on audit_log (model, id);

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
