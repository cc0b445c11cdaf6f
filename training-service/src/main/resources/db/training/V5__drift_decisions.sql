-- Drift decisions are training's: the monitors publish measured windows, training holds each model's count of
-- windows in a row above its threshold (one row per model, locked while a window is decided, so replicas that
-- decide at once take turns) and what it made of every window.
create table drift_state (
    model        text primary key,
    above        integer not null default 0,
    updated_at   timestamptz not null default now()
);

create table drift_decisions (
    window_id     uuid primary key,
    model         text not null,
    model_version integer not null,
    closed_at     timestamptz not null,
    rows_measured integer not null,
    method        text,
    statistic     double precision,
    feature       text,
    threshold     double precision,
    windows_above integer not null,
    outcome       text not null,
    run_id        uuid,
    decided_at    timestamptz not null default now()
);
create index drift_decisions_model on drift_decisions (model, decided_at desc);
