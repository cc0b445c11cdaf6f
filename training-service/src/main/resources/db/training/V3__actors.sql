-- Who made each change: the caller's user name or client id, or the trigger that queued a run.
alter table training_specs add column updated_by text not null default 'unknown';
alter table training_runs add column requested_by text not null default 'unknown';
