# The running stack as the loop's benchmarks see it, sourced by them with their name ($1): where serving and the
# dashboard answer, how long and how hard wrk loads predict, and a client app's token. Stops with a word when wrk
# or the stack's tokens are missing.
name=$1
root=$(cd "$here/../.." && pwd)
serving=${MODELWAY_SERVING_URL:-http://127.0.0.1:8080}
serving_metrics=${MODELWAY_SERVING_METRICS_URL:-http://127.0.0.1:8180/actuator/prometheus}
dashboard=${MODELWAY_DASHBOARD_URL:-http://127.0.0.1:8090}
dashboard_metrics=${MODELWAY_DASHBOARD_METRICS_URL:-http://127.0.0.1:8190/actuator/prometheus}
seconds=${MODELWAY_BENCH_SECONDS:-60}
connections=${MODELWAY_BENCH_CONNECTIONS:-32}
command -v wrk > /dev/null || { echo "$name: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
client=$("$root/modelway" token client) || { echo "$name: no token: run ./modelway demo first" >&2; exit 1; }
export MODELWAY_BENCH_AUTHORIZATION="Bearer $client"
