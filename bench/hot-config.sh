#!/usr/bin/env bash
# Hot-configuration benchmark on the embedded engine, loopback only:
#   1. routable latency: HOT_ROUTES (default 200) routes are created one after another
#      through the management API; for each, the time from the API's answer to the first
#      200 through the proxy. Prints p50, p99 and the maximum (goal: p99 <= 50 ms).
#   2. changes under load: wrk sends GET / through the proxy for the whole time HOT_CHANGES
#      (default 1000) admin changes take (new services and routes, updates of the measured
#      service and route); prints wrk's requests, non-2xx answers and socket errors
#      (goal: 0 and 0).
# The upstream is the gateway's own public /health. Builds tollgate in release mode, or uses
# the binary BENCH_BINARY names. Installs wrk from Debian's packages when it is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:/usr/sbin:/sbin:$PATH"
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh
# shellcheck source=scripts/lib/tollgate-server.sh
source scripts/lib/tollgate-server.sh

ROUTES=${HOT_ROUTES:-200}
CHANGES=${HOT_CHANGES:-1000}
[[ $ROUTES =~ ^[1-9][0-9]*$ && $CHANGES =~ ^[1-9][0-9]*$ ]] ||
    bench_die "HOT_ROUTES and HOT_CHANGES must be positive whole numbers"
bench_require_commands wrk:wrk curl:curl python3:python3

WORK_DIR=$(mktemp -d /tmp/tollgate-hot-config.XXXXXX)
WRK_PID=
cleanup() {
    [[ -z $WRK_PID ]] || kill "$WRK_PID" 2>/dev/null || true
    tollgate_stop
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

bench_tollgate_binary

tollgate_start "$BINARY" "$WORK_DIR" >&2
TOKEN=$(tollgate_token "$BINARY")
PROXY=$(grep -o 'proxy: *http://[^ ]*' "$TOLLGATE_LOG" | head -n 1 | grep -o 'http://.*')
BACKEND="$TOLLGATE_API/health"
admin() {
    curl -fsS --max-time 10 -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "$2" "$TOLLGATE_API$1" ||
        bench_die "POST $1 failed"
}
admin /services "{\"name\": \"hot\", \"url\": \"$BACKEND\"}"
admin /services/hot/routes '{"name": "main", "paths": ["/"]}'
bench_wait_status "$PROXY/" 200 30 || bench_die "the proxy did not route / to the backend within 30 s"

bench_log "routable latency over $ROUTES new routes"
declare -A routable=()
while IFS='=' read -r key value; do routable[$key]=$value; done < <(
    timeout 600 python3 bench/lib/hot_config.py routable --api "$TOLLGATE_API" --token "$TOKEN" \
        --proxy "$PROXY" --count "$ROUTES")

bench_log "$CHANGES changes under wrk load"
wrk -t2 -c32 -d600s --latency -s bench/lib/wrk-report.lua "$PROXY/" >"$WORK_DIR/wrk.txt" 2>&1 &
WRK_PID=$!
sleep 1
declare -A churn=()
while IFS='=' read -r key value; do churn[$key]=$value; done < <(
    timeout 600 python3 bench/lib/hot_config.py changes --api "$TOLLGATE_API" --token "$TOKEN" \
        --backend "$BACKEND" --count "$CHANGES")
sleep 1
kill -INT "$WRK_PID"
wait "$WRK_PID" || true
WRK_PID=
declare -A load=()
while read -r line; do
    [[ $line == @wrk\ * ]] || continue
    line=${line#@wrk }
    load[${line%%=*}]=${line#*=}
done <"$WORK_DIR/wrk.txt"
[[ -n ${load[requests]:-} ]] || bench_die "wrk printed no totals: $(tail -n 5 "$WORK_DIR/wrk.txt")"
errors=$((load[errors_connect] + load[errors_read] + load[errors_write] + load[errors_timeout]))

echo "routable after an admin change ($ROUTES routes): p50 ${routable[p50_ms]} ms, p99 ${routable[p99_ms]} ms, max ${routable[max_ms]} ms (goal p99 <= 50 ms)"
echo "$CHANGES changes in ${churn[seconds]} s under load: ${load[requests]} requests, ${load[non2xx]} non-2xx, $errors socket errors (goal 0 and 0)"
