-- What cleaning found per column (missing, imputed, coerced, violations of the schema).
alter table dataset_versions add column column_report jsonb not null default '{}';
