#!/usr/bin/env bash
# Whether monitoring keeps up with serving, on the running stack (after ./modelway demo): wrk at full load on
# single-row predict for MODELWAY_BENCH_SECONDS (default 60) while, every 5 s, this prints the predictions
# serving-api logged to Kafka (modelway_prediction_log_sent_total), how far behind the dashboard's reading of
# modelway.predictions is (the consumer's records lag) and the rates of both. A monitor that keeps up holds its lag
# flat; one that does not sees it grow by the difference of the rates. After wrk stops, the time until the lag is
# back to zero. Needs wrk and ./modelway token.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/stack.sh" "monitoring benchmark"

sent() {
  curl -fsS "$serving_metrics" | awk '/^modelway_prediction_log_sent_total/ { s += $2 } END { printf "%d", s }'
}
lag() {
  curl -fsS "$dashboard_metrics" | awk '/^kafka_consumer_fetch_manager_records_lag\{/ && /topic="modelway\.predictions"/ \
    && /spring_id="modelway\.predictions/ { s += $2 } END { printf "%d", s }'
}

echo "wrk -c$connections for ${seconds}s on predict; every 5 s: logged, lag, logged/s, read/s"
wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/../serving/predict.lua" "$serving/api/models/penguins/predict" \
  > /tmp/modelway-monitoring-wrk.txt &
wrk_pid=$!
trap 'kill $wrk_pid 2> /dev/null || true' EXIT
last_sent=$(sent); last_lag=$(lag); elapsed=0; first_lag=""; worst=0
while kill -0 "$wrk_pid" 2> /dev/null; do
  sleep 5
  elapsed=$((elapsed + 5))
  now_sent=$(sent); now_lag=$(lag)
  produced=$(( (now_sent - last_sent) / 5 ))
  read_rate=$(( (now_sent - last_sent - (now_lag - last_lag)) / 5 ))
  printf '%4d s  logged %9d  lag %7d  logged/s %6d  read/s %6d\n' "$elapsed" "$now_sent" "$now_lag" "$produced" "$read_rate"
  [ -z "$first_lag" ] && first_lag=$now_lag
  [ "$now_lag" -gt "$worst" ] && worst=$now_lag
  last_sent=$now_sent; last_lag=$now_lag
done
requests=$(awk '/^Requests\/sec:/ { print $2 }' /tmp/modelway-monitoring-wrk.txt)
end_lag=$last_lag
start=$(date +%s.%N)
for _ in $(seq 600); do [ "$(lag)" -eq 0 ] && break; sleep 0.5; done
caught_up=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "predict: $requests req/s; lag after 5 s $first_lag, at the end $end_lag, at most $worst; back to 0 ${caught_up} s after wrk"
