#!/usr/bin/env bash
# The loop that learns, timed on the running stack (after ./modelway demo: penguins served). A client sends
# predictions of a shifted population (heavy penguins from Dream that are in truth Chinstraps, a concept the
# served version never saw), each followed by its true label. The spec gets a feedback policy (minRows of
# MODELWAY_BENCH_FEEDBACK_ROWS, default 100, appended to the dataset) and the new-data trigger. Printed, from the
# first shifted prediction:
#   1. the last true label accepted by serving-api;
#   2. the ground-truth version of the dataset published by ingest;
#   3. its training run started, then finished;
#   4. the production alias moved to the new version;
#   5. serving answering with the new version;
# and the accuracy of the version before and after on 50 fresh shifted penguins (their labels never sent). The
# spec is put back as the demo wrote it afterwards. Needs curl and ./modelway token.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
serving=${MODELWAY_SERVING_URL:-http://127.0.0.1:8080}
ingest=${MODELWAY_INGEST_URL:-http://127.0.0.1:8081}
training=${MODELWAY_TRAINING_URL:-http://127.0.0.1:8082}
registry=${MODELWAY_REGISTRY_URL:-http://127.0.0.1:8083}
rows=${MODELWAY_BENCH_FEEDBACK_ROWS:-100}
work=$(mktemp -d)
spec_before=""
cleanup() {
  if [ -n "$spec_before" ]; then
    curl -fsS -o /dev/null -X PUT "$training/api/training-specs/penguins" -H "Authorization: Bearer $engineer" \
      -H 'Content-Type: application/json' -d "$spec_before" || echo "could not put the spec back" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "loop benchmark: $1" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then tail -40 "$2" >&2; fi
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
json_int() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

client=$("$root/modelway" token client 2> "$work/token.log") \
  || fail "no token from the issuer: run ./modelway demo first" "$work/token.log"
engineer=$("$root/modelway" token engineer)
viewer=$("$root/modelway" token viewer)
get() { curl -fsS -H "Authorization: Bearer $viewer" "$1"; }

# A shifted penguin, by index: heavier than any in the sample, from Dream.
penguin() {
  local i=$1
  printf '{"Island":"Dream","Beak Length (mm)":%s,"Beak Depth (mm)":%s,"Flipper Length (mm)":%d,"Body Mass (g)":%d,"Sex":"%s"}' \
    "$(awk -v i="$i" 'BEGIN { printf "%.1f", 47 + (i % 5) * 0.4 }')" "$(awk -v i="$i" 'BEGIN { printf "%.1f", 14 + (i % 3) * 0.3 }')" \
    $((215 + i % 7)) $((6500 + (i * 37) % 1500)) "$([ $((i % 2)) -eq 0 ] && echo FEMALE || echo MALE)"
}
predict() {
  curl -fsS -X POST "$serving/api/models/penguins/predict" -H "Authorization: Bearer $client" \
    -H 'Content-Type: application/json' -d "{\"instances\":[$(penguin "$1")]}"
}
# Accuracy of the serving version on 50 shifted penguins it never got labels for; prints "version accuracy".
score() {
  local right=0 version="" answer
  for i in $(seq 1000 1049); do
    answer=$(predict "$i")
    version=$(echo "$answer" | json_int version)
    echo "$answer" | grep -q '"label":"Chinstrap"' && right=$((right + 1))
  done
  echo "$version $(awk -v r="$right" 'BEGIN { printf "%.2f", r / 50 }')"
}

spec_before=$(get "$training/api/training-specs/penguins") || fail "no training spec for penguins: run ./modelway demo first"
latest_dataset() { get "$ingest/api/datasets/penguins/versions/latest" | json_int version; }
datasets_before=$(latest_dataset)
read -r served before_accuracy < <(score)
[ -n "$served" ] || fail "serving-api does not answer for penguins: run ./modelway demo first"
curl -fsS -o "$work/spec.json" -X PUT "$training/api/training-specs/penguins" -H "Authorization: Bearer $engineer" \
  -H 'Content-Type: application/json' -d "{\"dataset\":\"penguins\",\"label\":\"Species\",\"type\":\"classifier\",
  \"params\":{\"hiddenLayers\":[32,16],\"epochs\":100,\"learningRate\":0.01,\"seed\":42},\"triggers\":[\"new-data\"],
  \"promote\":{\"alias\":\"production\",\"metric\":\"accuracy\"},
  \"feedback\":{\"minRows\":$rows,\"mix\":\"append\"}}" || fail "the spec with a feedback policy was refused" "$work/spec.json"
echo "penguins v$served serves; $rows shifted predictions and their true labels follow"

start=$(now)
for i in $(seq 0 $((rows - 1))); do
  request=$(predict "$i" | grep -o '"requestId":"[^"]*' | cut -d'"' -f4)
  [ -n "$request" ] || fail "a shifted prediction was not answered"
  curl -fsS -o /dev/null -X POST "$serving/api/feedback" -H "Authorization: Bearer $client" \
    -H 'Content-Type: application/json' -d "{\"requestId\":\"$request\",\"label\":\"Chinstrap\"}" \
    || fail "serving-api refused the true label of $request"
done
labelled=$(now)

# Polls (every 0.2 s, up to 180 s) until the command prints something; prints it.
await() {
  local what=$1 out
  shift
  for _ in $(seq 900); do
    out=$("$@" 2> /dev/null || true)
    if [ -n "$out" ]; then echo "$out"; return; fi
    sleep 0.2
  done
  fail "$what did not happen within 180 s"
}
feedback_version() {
  local latest
  latest=$(latest_dataset)
  [ "$latest" -gt "$datasets_before" ] && echo "$latest"
}
dataset_version=$(await "the ground-truth dataset version" feedback_version)
published=$(now)
run_of() {
  get "$training/api/training-runs?model=penguins&reason=new-data" | tr '{' '\n' | grep "\"datasetVersion\":$dataset_version," \
    | grep -o "\"status\":\"$1\"" | head -1
}
await "the run on v$dataset_version to start" run_of 'RUNNING\|SUCCEEDED\|FAILED' > /dev/null
started=$(now)
await "the run on v$dataset_version to finish" run_of 'SUCCEEDED\|FAILED' > "$work/status"
finished=$(now)
grep -q SUCCEEDED "$work/status" || fail "the run on dataset v$dataset_version failed"
run=$(get "$training/api/training-runs?model=penguins&reason=new-data&limit=1")
learned=$(echo "$run" | json_int modelVersion)
alias_at() {
  [ "$(get "$registry/api/models/penguins/aliases/production" | json_int version)" = "$learned" ] && echo moved
}
if echo "$run" | grep -q '"promoted":true'; then
  await "the production alias to move to v$learned" alias_at > /dev/null
  promoted=$(now)
  answers() { [ "$(predict 7 | json_int version)" = "$learned" ] && echo yes; }
  await "serving to answer with v$learned" answers > /dev/null
  answering=$(now)
else
  fail "v$learned was not promoted: $(echo "$run" | grep -o '"reason":"[^"]*' | tail -1)"
fi
read -r after_version after_accuracy < <(score)

echo "first shifted prediction -> last true label accepted:   $(since "$start" "$labelled") s ($rows predictions and labels)"
echo "last true label -> ground-truth dataset v$dataset_version published: $(since "$labelled" "$published") s"
echo "published -> training run started:                     $(since "$published" "$started") s"
echo "run started -> finished (v$learned registered, gate decided): $(since "$started" "$finished") s"
echo "finished -> production alias at v$learned:                   $(since "$finished" "$promoted") s"
echo "alias moved -> serving answers with v$learned:                $(since "$promoted" "$answering") s"
echo "loop: first shifted prediction -> new version answering: $(since "$start" "$answering") s (target <= 60 s)"
echo "accuracy on 50 unseen shifted penguins: v$served $before_accuracy -> v$after_version $after_accuracy"
