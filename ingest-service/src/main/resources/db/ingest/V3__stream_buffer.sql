-- Records from modelway.records wait here until their dataset's window closes into a version; then they
-- are marked closed and kept a while, so that (kafka_partition, kafka_offset), which is unique, still
-- recognises a late redelivery of a record that is already in a version.
create table stream_records (
    id              bigserial primary key,
    dataset         text not null,
    kafka_partition integer not null,
    kafka_offset    bigint not null,
    payload         text not null,
    received_at     timestamptz not null default now(),
    closed          boolean not null default false,
    unique (kafka_partition, kafka_offset)
);
create index stream_records_open on stream_records (dataset, id) where not closed;

-- One open window per dataset; closing_until is the lease of the replica turning it into a version.
create table stream_windows (
    dataset       text primary key,
    opened_at     timestamptz not null default now(),
    closing_until timestamptz
);
