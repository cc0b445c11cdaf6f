#!/usr/bin/env bash
# What checking credentials costs a service, in process on one thread: a new access token, the same token again,
# and an API key already checked. Needs a build of platform-core (./mvnw -DskipTests install, or ./modelway demo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$root" && ./mvnw -q -B -pl platform-core dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
    > "$work/maven.log" 2>&1); then
  echo "Could not build platform-core's classpath:" >&2
  cat "$work/maven.log" >&2
  exit 1
fi
java -cp "$root/platform-core/target/classes:$(cat "$work/cp.txt")" "$here/TokenCheckRate.java"
