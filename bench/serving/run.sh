#!/usr/bin/env bash
# Serving benchmark, in one run on one machine, against the running stack's serving-api:
#   1. wrk at full load on single-row POST /api/models/penguins/predict, with a client app's access token;
#   2. the same against a minimal JDK HttpServer answering a constant, started here beside the stack: the
#      yardstick of the headline ratio predict / reference;
#   3. the same with an API key (made for the run, revoked after it), for what checking a key costs;
#   4. wrk at full load on the same server's no-model endpoint GET /v2/health/live (open, no credentials);
#   5. wrk on predict at about half of (1)'s throughput, for p50/p99 latency under ordinary load;
#   6. the swap: the production alias moved to another version under wrk load, seconds until that version
#      answers and requests failed meanwhile (a second version is trained first when there is none); the
#      alias is moved back afterwards;
#   7. in-process DL4J output() on the same model, one thread, single rows and batches of 64.
# Prints one line per figure and the ratios. Needs ./modelway demo (penguins served), a JDK and wrk; it reads
# the classes of the built serving-api jar, so it needs no Maven run.
# MODELWAY_BENCH_SECONDS (default 20), MODELWAY_BENCH_CONNECTIONS (default 32) and MODELWAY_BENCH_WARMUP_SECONDS
# (default 60) size the runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
serving=${MODELWAY_SERVING_URL:-http://127.0.0.1:8080}
registry=${MODELWAY_REGISTRY_URL:-http://127.0.0.1:8083}
training=${MODELWAY_TRAINING_URL:-http://127.0.0.1:8082}
issuer=${MODELWAY_OIDC_ISSUER:-http://127.0.0.1:8084}
seconds=${MODELWAY_BENCH_SECONDS:-20}
connections=${MODELWAY_BENCH_CONNECTIONS:-32}
warmup=${MODELWAY_BENCH_WARMUP_SECONDS:-60}
reference_port=${MODELWAY_BENCH_REFERENCE_PORT:-18080}
work=$(mktemp -d)
key_id=""
reference_pid=""
restore_version=""
cleanup() {
  if [ -n "$key_id" ]; then
    curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $admin_token" "$issuer/api/api-keys/$key_id" || true
  fi
  if [ -n "$restore_version" ]; then
    move_alias "$restore_version" > /dev/null || echo "could not move production back to v$restore_version" >&2
  fi
  if [ -n "$reference_pid" ]; then kill "$reference_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Every step that fails says what failed and shows its output, instead of ending the script without a word.
fail() {
  echo "serving benchmark: $1" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then tail -40 "$2" >&2; fi
  exit 1
}
move_alias() {
  curl -fsS -X PUT "$registry/api/models/penguins/aliases/production" -H "Authorization: Bearer $ops_token" \
    -H 'Content-Type: application/json' -d "{\"version\":$1}"
}
# The version that answers a predict right now (empty if none does).
answering_version() {
  curl -s -X POST "$serving/api/models/penguins/predict" -H "Authorization: Bearer $client_token" \
    -H 'Content-Type: application/json' -d "$penguin" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2
}

command -v wrk > /dev/null || fail "wrk is not installed (Debian: apt-get install wrk)"
command -v jar > /dev/null || fail "a JDK is needed (jar and java)"
jar_file=$(ls "$root"/serving-api/target/serving-api-*-exec.jar 2> /dev/null | head -1)
[ -n "$jar_file" ] || fail "serving-api is not built: run ./modelway demo first"
client_token=$("$root/modelway" token client 2> "$work/token.log") \
  || fail "no token from the issuer: run ./modelway demo first" "$work/token.log"
viewer_token=$("$root/modelway" token viewer)
admin_token=$("$root/modelway" token admin)
ops_token=$("$root/modelway" token ops)
penguin=$(sed -n "s/^wrk.body = '\(.*\)' ..$/\1/p; s/^  '\(.*\)'$/\1/p" "$here/predict.lua" | tr -d '\n')
key_answer=$(curl -fsS -X POST "$issuer/api/api-keys" -H "Authorization: Bearer $admin_token" \
  -H 'Content-Type: application/json' -d '{"name":"serving-bench","roles":["client"],"models":["penguins"]}' \
  2> "$work/key.log") || fail "the issuer refused to make an API key" "$work/key.log"
key_id=$(echo "$key_answer" | grep -o '"id":"[^"]*' | cut -d'"' -f4)
api_key=$(echo "$key_answer" | grep -o '"key":"[^"]*' | cut -d'"' -f4)
version=$(curl -fsS -H "Authorization: Bearer $viewer_token" "$serving/v2/models/penguins" \
  | grep -o '"versions":\["[0-9]*' | grep -o '[0-9]*$' || true)
[ -n "$version" ] || fail "serving-api does not serve penguins: run ./modelway demo first"
[ "$(answering_version)" = "$version" ] || fail "a predict with the request body of predict.lua was not answered"

# The classes of the built service: the reference server needs none, the in-process run needs DL4J and the core.
mkdir -p "$work/serving" && (cd "$work/serving" && jar xf "$jar_file") || fail "could not unpack $jar_file"
classpath="$work/serving/BOOT-INF/classes:$work/serving/BOOT-INF/lib/*"

# wrk output -> "requests_per_s p50_ms p99_ms errors"
measure() {
  local out=$1
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(awk '$1 == "50.000%" || $1 == "50%" { print $2 }' "$out" | head -1)
  p99=$(awk '$1 == "99.000%" || $1 == "99%" { print $2 }' "$out" | head -1)
  errors=$(awk '/^non-2xx or errors:/ { print $4 }' "$out")
  echo "$rps $(ms "$p50") $(ms "$p99") ${errors:-0}"
}
# wrk prints 812.00us, 1.21ms or 2.01s: in milliseconds.
ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# Waits (up to 60 s) until the machine is at least 80% idle over a second: the stack's consumers (the prediction
# log, the dashboard's monitors) work off what the last run made them, so each figure starts from a quiet machine.
settle() {
  local idle total idle2 total2
  for _ in $(seq 60); do
    read -r idle total < <(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    sleep 1
    read -r idle2 total2 < <(awk '/^cpu / { print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    if awk -v i=$((idle2 - idle)) -v t=$((total2 - total)) 'BEGIN { exit !(t > 0 && i / t >= 0.8) }'; then return; fi
  done
  echo "(the machine did not settle within 60 s; measuring anyway)" >&2
}

export MODELWAY_BENCH_AUTHORIZATION="Bearer $client_token"
settle
# Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms an answer.
java -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true "$here/ReferenceServer.java" "$reference_port" > "$work/reference.log" 2>&1 &
reference_pid=$!
for _ in $(seq 100); do grep -q listening "$work/reference.log" && break; sleep 0.1; done
grep -q listening "$work/reference.log" || fail "the reference server did not start" "$work/reference.log"
wrk -t2 -c"$connections" -d10s -s "$here/predict.lua" "http://127.0.0.1:$reference_port/" > /dev/null
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/predict.lua" \
  "http://127.0.0.1:$reference_port/" > "$work/reference.txt"
read -r reference_rps reference_p50 reference_p99 _ < <(measure "$work/reference.txt")
kill "$reference_pid"; reference_pid=""

# A service started minutes ago has not finished compiling its hot paths on two cores: warm both credential paths.
echo "Warming up serving-api (${warmup}s with a token, 10 s with an API key)"
wrk -t2 -c"$connections" -d"${warmup}s" -s "$here/predict.lua" "$serving/api/models/penguins/predict" > /dev/null
MODELWAY_BENCH_AUTHORIZATION="Bearer $api_key" wrk -t2 -c"$connections" -d10s -s "$here/predict.lua" \
  "$serving/api/models/penguins/predict" > /dev/null
settle
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/predict.lua" \
  "$serving/api/models/penguins/predict" > "$work/predict.txt"
read -r predict_rps predict_p50 predict_p99 predict_errors < <(measure "$work/predict.txt")


settle
MODELWAY_BENCH_AUTHORIZATION="Bearer $api_key" wrk -t2 -c"$connections" -d"${seconds}s" --latency \
  -s "$here/predict.lua" "$serving/api/models/penguins/predict" > "$work/key.txt"
read -r key_rps key_p50 key_p99 key_errors < <(measure "$work/key.txt")

settle
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/live.lua" "$serving/v2/health/live" > "$work/live.txt"
read -r live_rps live_p50 live_p99 _ < <(measure "$work/live.txt")

# Half load: connections that each wait 4 ms after every answer, as many as send about half the full-load
# rate, counting about 1 ms per answer on top of the pause (wrk pauses in whole milliseconds, so the count is
# what is tuned). The rate reached is printed.
delay_ms=4
half_connections=$(awk -v r="$predict_rps" -v d="$delay_ms" 'BEGIN { c = int(r / 2 * (d + 1) / 1000 + 0.5); printf "%d", (c < 1 ? 1 : c) }')
settle
MODELWAY_BENCH_DELAY_MS=$delay_ms wrk -t2 -c"$half_connections" -d"${seconds}s" --latency -s "$here/predict.lua" \
  "$serving/api/models/penguins/predict" > "$work/half.txt"
read -r half_rps half_p50 half_p99 half_errors < <(measure "$work/half.txt")

# The swap: another version of penguins (trained now if the registry has only one), production moved to it
# while wrk loads predict, then the answering version polled every 10 ms.
other=$(curl -fsS -H "Authorization: Bearer $viewer_token" "$registry/api/models/penguins/versions" \
  | grep -o '"version":[0-9]*' | cut -d: -f2 | grep -vx "$version" | sort -n | tail -1 || true)
if [ -z "$other" ]; then
  engineer_token=$("$root/modelway" token engineer)
  run=$(curl -fsS -X POST "$training/api/training-runs" -H "Authorization: Bearer $engineer_token" \
    -H 'Content-Type: application/json' -d '{"model":"penguins"}' 2> "$work/run.log" | grep -o '"runId":"[^"]*' | cut -d'"' -f4) \
    || fail "training-service refused a run of penguins" "$work/run.log"
  echo "Training a second version of penguins for the swap (run $run)"
  for _ in $(seq 300); do
    status=$(curl -fsS -H "Authorization: Bearer $engineer_token" "$training/api/training-runs/$run" > "$work/run.json" \
      && grep -o '"status":"[A-Z]*' "$work/run.json" | cut -d'"' -f4)
    case "$status" in SUCCEEDED|FAILED) break ;; esac
    sleep 1
  done
  [ "$status" = SUCCEEDED ] || fail "the run for a second version ended $status" "$work/run.json"
  other=$(grep -o '"modelVersion":[0-9]*' "$work/run.json" | cut -d: -f2)
  # A promoted run moved production already: swap back to the version measured above instead.
  now=$(answering_version)
  if [ "$now" = "$other" ]; then other=$version; version=$now; fi
fi
settle
restore_version=$version
wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/predict.lua" "$serving/api/models/penguins/predict" \
  > "$work/swap.txt" &
load=$!
sleep $((seconds / 4))
move_alias "$other" > "$work/move.log" 2>&1 || fail "the registry refused to move production to v$other" "$work/move.log"
moved_ns=$(date +%s%N)
swap_ms=""
for _ in $(seq 3000); do
  if [ "$(answering_version)" = "$other" ]; then swap_ms=$(( ($(date +%s%N) - moved_ns) / 1000000 )); break; fi
  sleep 0.01
done
wait "$load"
swap_errors=$(awk '/^non-2xx or errors:/ { print $4 }' "$work/swap.txt")
[ -n "$swap_ms" ] || fail "v$other never answered after production moved to it (30 s)"
move_alias "$version" > /dev/null && restore_version=""

settle
read -r single_rate batch_rate < <(OMP_NUM_THREADS=1 MODELWAY_BENCH_TOKEN="$viewer_token" \
  java -cp "$classpath" "$here/InProcessOutput.java" "$registry" penguins "$version" 2> "$work/output.log" | tail -1) \
  || fail "the in-process run failed" "$work/output.log"

echo
echo "Serving benchmark: penguins v$version, $connections connections, ${seconds}s per run, $(nproc) cores"
printf '  predict, full load      %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s   (access token)\n' \
  "$predict_rps" "$predict_p50" "$predict_p99" "$predict_errors"
printf '  reference, full load    %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (JDK HttpServer, a constant answer)\n' \
  "$reference_rps" "$reference_p50" "$reference_p99"
printf '  predict, API key        %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s\n' \
  "$key_rps" "$key_p50" "$key_p99" "$key_errors"
printf '  no-model, full load     %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms\n' "$live_rps" "$live_p50" "$live_p99"
printf '  predict, half load      %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s   (%.0f%% of full load, %s connections)\n' \
  "$half_rps" "$half_p50" "$half_p99" "$half_errors" "$(awk -v h="$half_rps" -v f="$predict_rps" 'BEGIN { print 100 * h / f }')" "$half_connections"
printf '  swap under load          v%s -> v%s answering after %s ms, failed %s of %s requests\n' \
  "$version" "$other" "$swap_ms" "${swap_errors:-0}" "$(awk '/requests in/ { print $1 }' "$work/swap.txt")"
printf '  in-process output()     %9.0f rows/s single row, %.0f rows/s in batches of 64 (one thread)\n' \
  "$single_rate" "$batch_rate"
awk -v p="$predict_rps" -v l="$live_rps" -v s="$single_rate" -v h="$half_p99" -v k="$key_rps" -v r="$reference_rps" \
    -v w="$swap_ms" 'BEGIN {
  printf "  ratio predict / reference server: %.2f (target >= 0.35)\n", p / r
  printf "  ratio no-model endpoint / reference server: %.2f\n", l / r
  printf "  ratio predict / no-model endpoint: %.2f\n", p / l
  printf "  ratio predict with an API key / with an access token: %.2f\n", k / p
  printf "  ratio predict / in-process single-row output(): %.2f\n", p / s
  printf "  p99 at half load: %.2f ms (target <= 2 ms)\n", h
  printf "  swap: %.2f s until the new version answers (target <= 1 s, 0 failed)\n", w / 1000
}'
