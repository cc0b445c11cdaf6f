-- Every position an alias has held, newest last: what rollback returns to, and the alias's story.
create table alias_history (
    id               bigserial primary key,
    model            text not null,
    alias            text not null,
    version          integer,
    previous_version integer,
    revision         bigint not null,
    reason           text,
    changed_by       text not null,
    changed_at       timestamptz not null default now()
);
create index alias_history_alias on alias_history (model, alias, id);
