-- Free-form labels (team, stage, ticket ...) on a model or one of its versions; one value per key.
create table model_tags (
    model      text not null references models(name),
    tag        text not null,
    value      text not null,
    updated_at timestamptz not null default now(),
    updated_by text not null,
    primary key (model, tag)
);

create table version_tags (
    model      text not null,
    version    integer not null,
    tag        text not null,
    value      text not null,
    updated_at timestamptz not null default now(),
    updated_by text not null,
    primary key (model, version, tag),
    foreign key (model, version) references model_versions(model, version)
);

-- What the registering run said about where the version came from beyond the dataset version:
-- the raw upload behind it, the code version and why the run happened.
alter table model_versions add column lineage jsonb not null default '{}';
