#!/bin/sh
# One object-store user per service with a policy for its own prefixes, so that no service holds the
# root key: ingest writes datasets/, model-registry writes models/ and reads datasets/ (lineage),
# training-service reads datasets/. Run in the MinIO image (its shell and mc, nothing else) once MinIO is
# up; safe to run again.
# Reads MINIO_ROOT_USER/MINIO_ROOT_PASSWORD, MODELWAY_S3_BUCKET and, per service,
# MODELWAY_S3_ACCESS_KEY_<SERVICE>/MODELWAY_S3_SECRET_KEY_<SERVICE> (INGEST, REGISTRY, TRAINING).
set -eu
bucket="${MODELWAY_S3_BUCKET:-modelway}"
until mc alias set store "${MODELWAY_S3_ENDPOINT:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" > /dev/null; do
  echo "waiting for the object store"; sleep 2
done
mc mb --ignore-existing "store/$bucket"

policy() { # name, read prefixes, write prefixes
  read_resources=""; for p in $2; do read_resources="$read_resources\"arn:aws:s3:::$bucket/$p*\","; done
  write_resources=""; for p in $3; do write_resources="$write_resources\"arn:aws:s3:::$bucket/$p*\","; done
  write_statement=""
  [ -n "$write_resources" ] && write_statement=",
  {\"Effect\": \"Allow\", \"Action\": [\"s3:PutObject\", \"s3:DeleteObject\", \"s3:AbortMultipartUpload\"], \"Resource\": [${write_resources%,}]}"
  printf '%s\n' "{\"Version\": \"2012-10-17\", \"Statement\": [
  {\"Effect\": \"Allow\", \"Action\": [\"s3:GetBucketLocation\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::$bucket\"]},
  {\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], \"Resource\": [${read_resources%,}]}$write_statement
]}" > "/tmp/$1.json"
  mc admin policy create store "modelway-$1" "/tmp/$1.json"
}
policy ingest "datasets/" "datasets/"
policy registry "models/ datasets/" "models/"
policy training "datasets/" ""

for service in INGEST REGISTRY TRAINING; do
  eval "access=\${MODELWAY_S3_ACCESS_KEY_$service:?MODELWAY_S3_ACCESS_KEY_$service is not set}"
  eval "secret=\${MODELWAY_S3_SECRET_KEY_$service:?MODELWAY_S3_SECRET_KEY_$service is not set}"
  case "$service" in INGEST) name=ingest ;; REGISTRY) name=registry ;; TRAINING) name=training ;; esac
  mc admin user add store "$access" "$secret"
  # On a second run the policy is attached already, which mc refuses; the user has it either way.
  mc admin policy attach store "modelway-$name" --user "$access" || echo "modelway-$name was attached to $access before"
done
echo "object-store users ready"
