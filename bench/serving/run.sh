#!/usr/bin/env bash
# Serving benchmark, in one run on one machine, against the running stack's serving-api:
#   1. wrk at full load on single-row POST /api/models/penguins/predict, with a client app's access token;
#   2. the same with an API key (made for the run, revoked after it), for what checking a key costs;
#   3. wrk at full load on the same server's no-model endpoint GET /v2/health/live (open, no credentials);
#   4. wrk on predict at about half of (1)'s throughput, for p50/p99 latency under ordinary load;
#   5. in-process DL4J output() on the same model, one thread, single rows and batches of 64.
# Prints throughput ratios and latencies. Needs ./modelway demo (penguins served) and wrk.
# MODELWAY_BENCH_SECONDS (default 20) and MODELWAY_BENCH_CONNECTIONS (default 32) size the runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
serving=${MODELWAY_SERVING_URL:-http://127.0.0.1:8080}
registry=${MODELWAY_REGISTRY_URL:-http://127.0.0.1:8083}
issuer=${MODELWAY_OIDC_ISSUER:-http://127.0.0.1:8084}
seconds=${MODELWAY_BENCH_SECONDS:-20}
connections=${MODELWAY_BENCH_CONNECTIONS:-32}
work=$(mktemp -d)
key_id=""
cleanup() {
  if [ -n "$key_id" ]; then
    curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $admin_token" "$issuer/api/api-keys/$key_id" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
client_token=$("$root/modelway" token client) || { echo "no token from the issuer: run ./modelway demo first" >&2; exit 1; }
viewer_token=$("$root/modelway" token viewer)
admin_token=$("$root/modelway" token admin)
key_answer=$(curl -fsS -X POST "$issuer/api/api-keys" -H "Authorization: Bearer $admin_token" \
  -H 'Content-Type: application/json' -d '{"name":"serving-bench","roles":["client"],"models":["penguins"]}')
key_id=$(echo "$key_answer" | grep -o '"id":"[^"]*' | cut -d'"' -f4)
api_key=$(echo "$key_answer" | grep -o '"key":"[^"]*' | cut -d'"' -f4)
version=$(curl -fsS -H "Authorization: Bearer $viewer_token" "$serving/v2/models/penguins" \
  | grep -o '"versions":\["[0-9]*' | grep -o '[0-9]*$' || true)
if [ -z "$version" ]; then
  echo "serving-api does not serve penguins: run ./modelway demo first" >&2
  exit 1
fi

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

export MODELWAY_BENCH_AUTHORIZATION="Bearer $client_token"
echo "Warming up serving-api (10 s)"
wrk -t2 -c"$connections" -d10s -s "$here/predict.lua" "$serving/api/models/penguins/predict" > /dev/null

wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/predict.lua" \
  "$serving/api/models/penguins/predict" > "$work/predict.txt"
read -r predict_rps predict_p50 predict_p99 predict_errors < <(measure "$work/predict.txt")

MODELWAY_BENCH_AUTHORIZATION="Bearer $api_key" wrk -t2 -c"$connections" -d"${seconds}s" --latency \
  -s "$here/predict.lua" "$serving/api/models/penguins/predict" > "$work/key.txt"
read -r key_rps key_p50 key_p99 key_errors < <(measure "$work/key.txt")

wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/live.lua" "$serving/v2/health/live" > "$work/live.txt"
read -r live_rps live_p50 live_p99 _ < <(measure "$work/live.txt")

# Half load: connections that each wait 4 ms after every answer, as many as send about half the full-load
# rate, counting about 1 ms per answer on top of the pause (wrk pauses in whole milliseconds, so the count is
# what is tuned). The rate reached is printed.
delay_ms=4
half_connections=$(awk -v r="$predict_rps" -v d="$delay_ms" 'BEGIN { c = int(r / 2 * (d + 1) / 1000 + 0.5); printf "%d", (c < 1 ? 1 : c) }')
MODELWAY_BENCH_DELAY_MS=$delay_ms wrk -t2 -c"$half_connections" -d"${seconds}s" --latency -s "$here/predict.lua" \
  "$serving/api/models/penguins/predict" > "$work/half.txt"
read -r half_rps half_p50 half_p99 half_errors < <(measure "$work/half.txt")

# platform-core reads model.zip as serving does and brings DL4J; it needs no other Modelway module installed.
(cd "$root" && ./mvnw -q -B -pl platform-core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" > /dev/null)
read -r single_rate batch_rate < <(OMP_NUM_THREADS=1 MODELWAY_BENCH_TOKEN="$viewer_token" \
  java -cp "$root/platform-core/target/classes:$(cat "$work/cp.txt")" \
  "$here/InProcessOutput.java" "$registry" penguins "$version" 2> /dev/null | tail -1)

echo
echo "Serving benchmark: penguins v$version, $connections connections, ${seconds}s per run, $(nproc) cores"
printf '  predict, full load      %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s   (access token)\n' \
  "$predict_rps" "$predict_p50" "$predict_p99" "$predict_errors"
printf '  predict, API key        %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s\n' \
  "$key_rps" "$key_p50" "$key_p99" "$key_errors"
printf '  no-model, full load     %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms\n' "$live_rps" "$live_p50" "$live_p99"
printf '  predict, half load      %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   failed %s   (%.0f%% of full load, %s connections)\n' \
  "$half_rps" "$half_p50" "$half_p99" "$half_errors" "$(awk -v h="$half_rps" -v f="$predict_rps" 'BEGIN { print 100 * h / f }')" "$half_connections"
printf '  in-process output()     %9.0f rows/s single row, %.0f rows/s in batches of 64 (one thread)\n' \
  "$single_rate" "$batch_rate"
awk -v p="$predict_rps" -v l="$live_rps" -v s="$single_rate" -v h="$half_p99" -v k="$key_rps" 'BEGIN {
  printf "  ratio predict / no-model endpoint: %.2f (target >= 0.60)\n", p / l
  printf "  ratio predict with an API key / with an access token: %.2f\n", k / p
  printf "  ratio predict / in-process single-row output(): %.2f\n", p / s
  printf "  p99 at half load: %.2f ms (target <= 5 ms)\n", h
}'
