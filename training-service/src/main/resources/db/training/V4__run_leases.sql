-- A RUNNING run belongs to the replica that claimed it for as long as that replica renews its lease; a run whose
-- lease ran out (its replica stopped or lost the database) is queued again by any replica, up to a few attempts.
alter table training_runs
    add column owner       text,
    add column lease_until timestamptz,
    add column attempts    integer not null default 0;

-- Runs left RUNNING by a version without leases have no owner to finish them.
update training_runs set status = 'QUEUED', started_at = null where status = 'RUNNING';

-- One running run per model, whichever replicas try to claim one.
create unique index training_runs_one_running on training_runs (model) where status = 'RUNNING';
