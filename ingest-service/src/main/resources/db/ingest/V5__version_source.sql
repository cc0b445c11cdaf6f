-- Where a version's rows came from when not from an upload alone: production rows with their true labels
-- (kind, mix, base version, rows by model version). The prediction ids are in the version's manifest.
alter table dataset_versions add column source jsonb;
