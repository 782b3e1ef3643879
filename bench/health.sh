#!/usr/bin/env bash
# Active health-check benchmark, loopback only: the CPU cost to Tollgate of probing TARGETS
# targets every INTERVAL seconds with http probes (GET /health, a new connection each).
#
# The targets are TARGETS distinct loopback addresses (127.0.1.1, 127.0.1.2, ... 250 per /24) on
# one port of one nginx worker answering 200. Tollgate's user+system CPU is read from
# /proc/<pid>/stat: first idle (no upstream) over IDLE seconds, then, WARMUP seconds after the
# upstream was created, over WINDOW seconds of probing. Both are printed as % of one core, with
# the probe rate nginx logged in the window and whether every target was reported HEALTHY.
# Exits with status 1 when the probing cost is at or over GOAL %.
#
# Environment: TARGETS (1000), INTERVAL (1), CONCURRENCY (10), IDLE (10), WARMUP (5), WINDOW (30),
# GOAL (5), BENCH_BINARY (a tollgate binary to use instead of building one in release mode).
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:/usr/sbin:/sbin:$PATH"
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh
# shellcheck source=scripts/lib/tollgate-server.sh
source scripts/lib/tollgate-server.sh

TARGETS=${TARGETS:-1000}
INTERVAL=${INTERVAL:-1}
CONCURRENCY=${CONCURRENCY:-10}
IDLE=${IDLE:-10}
WARMUP=${WARMUP:-5}
WINDOW=${WINDOW:-30}
GOAL=${GOAL:-5}
[[ $TARGETS =~ ^[0-9]+$ ]] && ((TARGETS >= 1 && TARGETS <= 60000)) || bench_die "TARGETS must be 1..60000, got '$TARGETS'"
for name in IDLE WARMUP WINDOW; do
    [[ ${!name} =~ ^[0-9]+$ ]] && ((${!name} >= 1)) || bench_die "$name must be a whole number of seconds, got '${!name}'"
done

bench_require_commands nginx:nginx curl:curl

WORK_DIR=$(mktemp -d /tmp/tollgate-bench-health.XXXXXX)
NGINX_PID=
cleanup() {
    tollgate_stop
    if [[ -n $NGINX_PID ]]; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

bench_tollgate_binary

read -r PORT < <(bench_free_ports 1)
bench_render bench/lib/nginx-health.conf.in "$WORK_DIR/nginx-health.conf" WORK="$WORK_DIR" PORT="$PORT"
bench_log "starting nginx on port $PORT of every loopback address"
nginx -p "$WORK_DIR" -e "$WORK_DIR/nginx-health-error.log" -c "$WORK_DIR/nginx-health.conf" &
NGINX_PID=$!
bench_wait_status "http://127.0.1.1:$PORT/health" 200 10 || bench_die "nginx did not answer on 127.0.1.1:$PORT"

bench_log "starting tollgate serve"
tollgate_start "$BINARY" "$WORK_DIR" >&2
TOKEN=$(tollgate_token "$BINARY")
TICKS=$(getconf CLK_TCK)

# Prints the CPU of tollgate over SECONDS as % of one core.
cpu_percent() {
    local seconds=$1 user_before system_before user_after system_after
    read -r user_before system_before < <(bench_tree_ticks "$TOLLGATE_PID")
    sleep "$seconds"
    read -r user_after system_after < <(bench_tree_ticks "$TOLLGATE_PID")
    awk -v ticks=$((user_after + system_after - user_before - system_before)) -v hz="$TICKS" -v s="$seconds" \
        'BEGIN { printf "%.2f", 100 * ticks / hz / s }'
}

bench_log "idle CPU over $IDLE s"
idle=$(cpu_percent "$IDLE")

bench_log "creating upstream bench-health: $TARGETS targets, active http checks every $INTERVAL s"
python3 - "$TARGETS" "$PORT" "$INTERVAL" "$CONCURRENCY" >"$WORK_DIR/upstream.json" <<'PY'
import json, sys
count, port, interval, concurrency = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
targets = [{"target": f"127.0.{1 + i // 250}.{1 + i % 250}:{port}"} for i in range(count)]
checks = {"active": {"type": "http", "http_path": "/health", "timeout_s": 1, "concurrency": concurrency,
                     "healthy": {"interval_s": interval, "successes": 2},
                     "unhealthy": {"interval_s": interval, "http_failures": 2, "tcp_failures": 2, "timeouts": 2}}}
print(json.dumps({"name": "bench-health", "healthchecks": checks, "targets": targets}))
PY
status=$(curl -s -o "$WORK_DIR/upstream-answer.json" -w '%{http_code}' -X POST "$TOLLGATE_API/upstreams" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$WORK_DIR/upstream.json")
[[ $status == 201 ]] || bench_die "POST /upstreams answered $status: $(cat "$WORK_DIR/upstream-answer.json")"

bench_log "warming up for $WARMUP s, then measuring over $WINDOW s"
sleep "$WARMUP"
probes_before=$(wc -l <"$WORK_DIR/nginx-health-access.log")
probing=$(cpu_percent "$WINDOW")
probes_after=$(wc -l <"$WORK_DIR/nginx-health-access.log")
rate=$(awk -v n=$((probes_after - probes_before)) -v s="$WINDOW" 'BEGIN { printf "%.0f", n / s }')
healthy=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$TOLLGATE_API/upstreams/bench-health/health" |
    python3 -c 'import json, sys; print(sum(t["health"] == "HEALTHY" for t in json.load(sys.stdin)["data"]))')

echo
echo "Tollgate active health-check benchmark ($(nproc) cores)"
echo "binary: $BINARY"
row() { printf '%-52s %10s\n' "$1" "$2"; }
row "measure" "value"
row "tollgate CPU, idle (% of one core, $IDLE s)" "$idle"
row "tollgate CPU, probing (% of one core, $WINDOW s)" "$probing"
row "  of which probing (difference)" "$(awk -v a="$probing" -v b="$idle" 'BEGIN { printf "%.2f", a - b }')"
row "probes per second (nginx log)" "$rate"
row "targets HEALTHY" "$healthy / $TARGETS"
row "goal (% of one core)" "< $GOAL"
if awk -v a="$probing" -v g="$GOAL" 'BEGIN { exit !(a >= g) }'; then
    bench_die "probing $TARGETS targets every $INTERVAL s costs $probing % of one core, over the goal of $GOAL %"
fi
