#!/usr/bin/env bash
# Whether a restarted dashboard resumes in seconds whatever the traffic before it, on the running stack (after
# ./modelway demo): wrk at full load on single-row predict for MODELWAY_BENCH_SECONDS (default 60), so that the
# topics hold a busy minute; once the dashboard has read it all, the dashboard is stopped (MODELWAY_BENCH_SIGNAL,
# default TERM: it writes its checkpoints as its partitions are revoked; KILL: it resumes from the last periodic
# one) and started again with the same command and environment. Then a new prediction and its feedback are sent,
# and the time until the restarted dashboard has joined them says when it is live again: a monitor that read the
# topics again from the start of the day would take as long as that many predictions take. Prints the predictions
# logged, the seconds until the dashboard answers and until it is live, and the predictions it read again (the ones
# still waiting for feedback). After KILL the broker hands the partitions over only once the killed consumer's
# session has timed out (45 s by default). Needs wrk, curl and ./modelway token.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/stack.sh" "restart benchmark"
signal=${MODELWAY_BENCH_SIGNAL:-TERM}
viewer=$("$root/modelway" token viewer)
pid=$(pgrep -f -- "-jar .*/dashboard-[^ ]*-exec.jar" | head -1) \
  || { echo "restart benchmark: no dashboard process on this machine" >&2; exit 1; }

metric() {
  curl -fsS --max-time 5 "$1" 2> /dev/null | awk -v name="$2" 'index($0, name) == 1 { s += $NF } END { printf "%d", s }'
}
lag() {
  curl -fsS --max-time 5 "$dashboard_metrics" 2> /dev/null | awk '/^kafka_consumer_fetch_manager_records_lag\{/ \
    && /topic="modelway\.predictions"/ { s += $2; n++ } END { if (n == 0) print -1; else printf "%d", s }'
}
wait_lag_zero() {
  local limit=$1 l
  for _ in $(seq 1 $((limit * 5))); do
    l=$(lag)
    [ "$l" = "0" ] && return 0
    sleep 0.2
  done
  return 1
}

echo "wrk -c$connections for ${seconds}s on predict, to fill the topics"
wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/../serving/predict.lua" "$serving/api/models/penguins/predict" \
  > /tmp/modelway-restart-wrk.txt
wait_lag_zero 300 || { echo "restart benchmark: the dashboard did not catch up within 300 s" >&2; exit 1; }
logged=$(metric "$serving_metrics" modelway_prediction_log_sent_total)

# The same process again: its command line, environment, working directory and log.
cmd=()
while IFS= read -r -d '' part; do cmd+=("$part"); done < "/proc/$pid/cmdline"
envs=()
while IFS= read -r -d '' part; do envs+=("$part"); done < "/proc/$pid/environ"
dir=$(readlink "/proc/$pid/cwd")
out=$(readlink "/proc/$pid/fd/1")

# Feedback the dashboard has joined so far, all versions.
joined() {
  curl -fsS --max-time 5 -H "Authorization: Bearer $viewer" "$dashboard/api/live-accuracy/penguins" 2> /dev/null \
    | { grep -o '"feedback":[0-9]*' || true; } | awk -F: '{ s += $2 } END { printf "%d", s }'
}
before=$(joined)
kill -"$signal" "$pid"
while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
started=$(date +%s.%N)
(cd "$dir" && exec env -i "${envs[@]}" "${cmd[@]}" >> "$out" 2>&1 < /dev/null) &
new_pid=$!
disown "$new_pid" 2> /dev/null || true
until curl -fsS --max-time 2 "$dashboard_metrics" > /dev/null 2>&1; do sleep 0.2; done
answered=$(date +%s.%N)

# Live again: a prediction made now and its feedback, joined on top of the feedback joined before the restart.
request=$(curl -fsS --max-time 10 -H "Authorization: Bearer $client" -H 'Content-Type: application/json' \
  -d '{"instances":[{"Island":"Biscoe","Beak Length (mm)":46.1,"Beak Depth (mm)":13.2,"Flipper Length (mm)":211,"Body Mass (g)":4500,"Sex":"FEMALE"}]}' \
  "$serving/api/models/penguins/predict" | grep -o '"requestId":"[^"]*"' | cut -d'"' -f4)
curl -fsS --max-time 10 -o /dev/null -H "Authorization: Bearer $client" -H 'Content-Type: application/json' \
  -d "{\"requestId\":\"$request\",\"label\":\"Gentoo\"}" "$serving/api/feedback"
for _ in $(seq 1 1500); do
  [ "$(joined)" -gt "$before" ] && break
  sleep 0.2
done
[ "$(joined)" -gt "$before" ] || { echo "restart benchmark: the restarted dashboard did not join new feedback in 300 s" >&2; exit 1; }
live=$(date +%s.%N)
again=$(metric "$dashboard_metrics" modelway_monitor_records_read_again_total)

printf 'predictions logged before the restart (what reading the day again would read): %d\n' "$logged"
printf 'restart (%s): answering after %.1f s, live (new feedback joined) after %.1f s, predictions read again %d (%.3f of those logged)\n' \
  "$signal" "$(echo "$answered - $started" | bc)" "$(echo "$live - $started" | bc)" "$again" \
  "$(echo "scale=6; $again / ($logged + ($logged == 0))" | bc)"
echo "the dashboard runs again as process $new_pid"
