#!/usr/bin/env bash
# Ingest benchmark, in one run on one machine:
#   1. the raw parse rate of flights-200k with the parser ingest uses (FastCSV, strict UTF-8);
#   2. flights-200k uploaded to the running ingest-service: rows/s end to end (spool, infer, clean,
#      profile, store, publish) and the service's peak heap;
#   3. a generated 5,000,000-row file of the same shape, to show memory does not grow with rows.
# Needs the local stack (./modelway up; ingest-service runs with -Xmx256m) and a JDK (jar, jstat); it reads the
# classes of the built ingest-service jar, so it needs no Maven run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ingest=${MODELWAY_INGEST_URL:-http://127.0.0.1:8081}
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${sampler:-}" ] && kill "$sampler" 2> /dev/null || true' EXIT

# Every step that fails says what failed and shows its output, instead of ending the script without a word.
fail() {
  echo "ingest benchmark: $1" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then tail -40 "$2" >&2; fi
  exit 1
}
command -v jstat > /dev/null && command -v jar > /dev/null || fail "a JDK is needed (jar, jstat)"
pid=$(pgrep -f 'ingest-service-.*-exec.jar' | head -1 || true)
if [ -z "$pid" ] || ! curl -fs "$ingest/readyz" > /dev/null; then
  fail "ingest-service is not running: start the stack with ./modelway up"
fi
jar_file=$(ls "$root"/ingest-service/target/ingest-service-*-exec.jar 2> /dev/null | head -1)
[ -n "$jar_file" ] || fail "ingest-service is not built: run ./modelway up first"
token=$("$root/modelway" token engineer 2> "$work/token.log") \
  || fail "no token from the issuer: start the stack with ./modelway up" "$work/token.log"
heap_limit=$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -o -- '-Xmx[^ ]*' || echo "default")

gunzip -c "$root/samples/flights-200k.csv.gz" > "$work/flights-200k.csv"
"$(dirname "$0")/generate-rows.sh" 5000000 "$work/flights-200k.csv" > "$work/flights-5m.csv"

mkdir -p "$work/ingest" && (cd "$work/ingest" && jar xf "$jar_file") || fail "could not unpack $jar_file"
read -r parsed parse_rate < <(java -cp "$work/ingest/BOOT-INF/lib/*" "$(dirname "$0")/CsvParseRate.java" \
  "$work/flights-200k.csv" 2> "$work/parse.log") || fail "the raw parse run failed" "$work/parse.log"

# Upload a file with the heap sampled every 100 ms; prints rows, seconds, rows/s, peak heap MB.
upload() {
  local file=$1 dataset=$2
  jstat -gc "$pid" 100 > "$work/jstat.log" &
  sampler=$!
  local body
  body=$(curl -sS -w '\n%{http_code} %{time_total}' -X POST -H 'Content-Type: text/csv' -H "Authorization: Bearer $token" --data-binary @"$file" \
    "$ingest/api/datasets/$dataset/uploads" 2>&1) || { kill "$sampler"; fail "the upload of $file failed: $body"; }
  kill "$sampler"; wait "$sampler" 2> /dev/null || true; sampler=
  local seconds rows peak status
  read -r status seconds <<< "$(tail -1 <<< "$body")"
  if [ "$status" != 201 ]; then fail "the upload of $file answered $status: $(head -1 <<< "$body")"; fi
  rows=$(head -1 <<< "$body" | grep -o '"rowsReceived":[0-9]*' | cut -d: -f2)
  # S0U + S1U + EU + OU (KB): the heap in use at each sample.
  peak=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }' "$work/jstat.log")
  echo "$rows $seconds $(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }') $peak"
}

stamp=$(date +%s)
# Uploads of flights-200k, each to its own dataset (the same bytes to one dataset are recognised and not
# ingested again): the first shows a cold service, the best of four after the warm-up a warm one, as the parse.
read -r rows200 cold_secs cold_rate cold_peak < <(upload "$work/flights-200k.csv" "bench-flights-200k-$stamp-1")
secs200=; rate200=0; peak200=$cold_peak
# The service's compiler needs more than one upload to reach its steady speed: a few more warm it up, not timed.
warmups=${MODELWAY_BENCH_WARMUP_UPLOADS:-6}
for run in $(seq 1 "$warmups"); do
  upload "$work/flights-200k.csv" "bench-flights-200k-$stamp-warmup-$run" > /dev/null
done
for run in 2 3 4 5; do
  read -r _ secs rate peak < <(upload "$work/flights-200k.csv" "bench-flights-200k-$stamp-$run")
  if [ "$rate" -gt "$rate200" ]; then secs200=$secs; rate200=$rate; fi
  if [ "$peak" -gt "$peak200" ]; then peak200=$peak; fi
done
read -r rows5m secs5m rate5m peak5m < <(upload "$work/flights-5m.csv" "bench-flights-5m-$stamp")

printf '\nIngest benchmark (ingest-service %s)\n' "$heap_limit"
printf '  %-44s %10s rows  %8s s  %10s rows/s\n' "FastCSV parse of flights-200k (best of 20)" "$parsed" "-" "$parse_rate"
printf '  %-44s %10s rows  %8s s  %10s rows/s\n' "ingest of flights-200k, first upload (cold)" "$rows200" "$cold_secs" "$cold_rate"
printf '  %-44s %10s rows  %8s s  %10s rows/s  peak heap %s MB\n' "ingest of flights-200k, best of 4 (warm)" "$rows200" "$secs200" "$rate200" "$peak200"
printf '  %-44s %10s rows  %8s s  %10s rows/s  peak heap %s MB\n' "ingest of 5,000,000 generated rows" "$rows5m" "$secs5m" "$rate5m" "$peak5m"
printf '  ingest / raw parse rate (warm, flights-200k): %s\n' "$(awk -v a="$rate200" -v b="$parse_rate" 'BEGIN { printf "%.3f", a / b }')"
