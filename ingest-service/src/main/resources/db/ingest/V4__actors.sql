-- Who made each change: the caller's user name or client id, as the token names it.
alter table dataset_versions add column created_by text not null default 'unknown';
alter table datasets add column schema_declared_by text;
