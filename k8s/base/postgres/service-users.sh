#!/bin/sh
# One database user per service, owning the schema of that service and nothing else, so that no service
# connects as the superuser and none can read another's tables. PostgreSQL runs this once, when it
# initialises an empty data directory (docker-entrypoint-initdb.d); the passwords come from
# MODELWAY_DB_PASSWORD_INGEST, _TRAINING, _REGISTRY and _AUTH.
set -eu
for service in ingest training registry auth; do
  upper=$(echo "$service" | tr '[:lower:]' '[:upper:]')
  eval "password=\${MODELWAY_DB_PASSWORD_$upper:?MODELWAY_DB_PASSWORD_$upper is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v service="$service" -v password="$password" -v database="$POSTGRES_DB" <<'SQL'
create role :"service" login password :'password';
create schema :"service" authorization :"service";
grant connect on database :"database" to :"service";
alter role :"service" set search_path = :"service";
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v database="$POSTGRES_DB" <<'SQL'
revoke all on database :"database" from public;
revoke create on schema public from public;
SQL
