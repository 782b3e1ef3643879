#!/usr/bin/env bash
# Proxy benchmark, loopback only: Tollgate's proxy, nginx and HAProxy in front of the same
# static upstream (an nginx answering a 100-byte body), measured in one run, alternating.
# Each proxy is pinned to CPU $PROXY_CPU, wrk and the upstream to CPU $LOAD_CPU. For every run:
# requests/s, p50 and p99 latency, and CPU time per proxied request (user+system CPU of the
# proxy's processes from /proc over the run, divided by the requests wrk completed).
# Prints a table of medians over the rounds and Tollgate's ratios to nginx and HAProxy.
#
#   bench/proxy.sh              the comparison
#   bench/proxy.sh --profile    Tollgate alone under the same load, with a CPU profile
#                               (perf record -g)
#   bench/proxy.sh --policies   the comparison with traffic policies enabled (not yet available)
#
# Environment: DURATION (s per run, 10), ROUNDS (3), CONNECTIONS (64), THREADS (wrk threads, 2),
# WARMUP (s per proxy before the first round, 5), PROXY_CPU (0), LOAD_CPU (1),
# BENCH_BINARY (a tollgate binary to use instead of building one in release mode),
# PROFILE_DIR (where --profile leaves perf.data and its reports, /tmp/tollgate-profile).
# Installs nginx, haproxy and wrk from Debian's packages when they are missing.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:/usr/sbin:/sbin:$PATH"
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh

usage() {
    sed -n '2,18s/^# \{0,1\}//p' "$0"
}

MODE=compare
case ${1:-} in
    "") ;;
    --profile) MODE=profile ;;
    --policies)
        echo "bench/proxy.sh --policies is not yet available: Tollgate has no traffic policies (rate limiting," >&2
        echo "canary, mirroring) on its proxy yet. Run bench/proxy.sh without options for the plain comparison." >&2
        exit 2
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        usage >&2
        bench_die "unknown argument '$1'"
        ;;
esac
(($# <= 1)) || bench_die "give at most one option, got: $*"

# Reads the positive integer setting NAME (default DEFAULT, at most MAX) into the variable NAME.
integer_setting() {
    local name=$1 default=$2 max=$3 value
    value=${!name:-$default}
    if [[ ! $value =~ ^[0-9]+$ ]] || ((value < 1 || value > max)); then
        bench_die "$name must be a whole number from 1 to $max, got '$value'"
    fi
    printf -v "$name" '%d' "$value"
}
integer_setting DURATION 10 600
integer_setting ROUNDS 3 50
integer_setting CONNECTIONS 64 10000
integer_setting THREADS 2 64
integer_setting WARMUP 5 600
PROXY_CPU=${PROXY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PROFILE_DIR=${PROFILE_DIR:-/tmp/tollgate-profile}
((THREADS <= CONNECTIONS)) || bench_die "THREADS ($THREADS) must not exceed CONNECTIONS ($CONNECTIONS)"
[[ $PROXY_CPU != "$LOAD_CPU" ]] || bench_die "PROXY_CPU and LOAD_CPU must differ (both $PROXY_CPU)"
if ! taskset -c "$PROXY_CPU" true 2>/dev/null || ! taskset -c "$LOAD_CPU" true 2>/dev/null; then
    bench_die "cannot pin to CPUs $PROXY_CPU and $LOAD_CPU (this machine has $(nproc) usable); set PROXY_CPU and LOAD_CPU"
fi

BODY_BYTES=100
CLOCK_TICKS=$(getconf CLK_TCK)
SERVICE_NAME=bench-static
UPSTREAM_NAME=bench-static-upstream

bench_require_commands nginx:nginx haproxy:haproxy wrk:wrk curl:curl python3:python3
if [[ $MODE == profile ]]; then
    bench_require_commands perf:linux-perf
fi

WORK_DIR=$(mktemp -d /tmp/tollgate-proxy-bench.XXXXXX)
STARTED_PIDS=()

# Stops every process this script started (by its pid), waiting at most 10 s before SIGKILL.
cleanup() {
    local pid attempt
    for pid in "${STARTED_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for ((attempt = 0; attempt < 50; attempt++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fails with the log of NAME when process PID has exited.
require_alive() {
    local name=$1 pid=$2
    kill -0 "$pid" 2>/dev/null && return 0
    echo "$name (pid $pid) exited; the end of its log:" >&2
    tail -n 40 "$WORK_DIR/$name.log" >&2 || true
    exit 1
}

# Starts "COMMAND..." pinned to CPU with its output in WORK_DIR/NAME.log; its pid goes in
# STARTED_PIDS and in the variable LAST_PID.
start_pinned() {
    local name=$1 cpu=$2
    shift 2
    taskset -c "$cpu" "$@" >"$WORK_DIR/$name.log" 2>&1 &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
}

# Starts an nginx from template bench/lib/TEMPLATE.conf.in as NAME on PORT, pinned to CPU.
start_nginx() {
    local name=$1 template=$2 cpu=$3 port=$4
    mkdir -p "$WORK_DIR/$name"
    bench_render "bench/lib/$template.conf.in" "$WORK_DIR/$name.conf" WORK_DIR="$WORK_DIR/$name" PORT="$port" \
        UPSTREAM_PORT="$UPSTREAM_PORT" KEEPALIVE="$CONNECTIONS" BODY="$BODY" BODY_BYTES="$BODY_BYTES"
    nginx -t -q -e "$WORK_DIR/$name/startup.log" -c "$WORK_DIR/$name.conf" ||
        bench_die "nginx rejected $WORK_DIR/$name.conf"
    start_pinned "$name" "$cpu" nginx -e "$WORK_DIR/$name/startup.log" -c "$WORK_DIR/$name.conf"
}

# Calls the management API: METHOD PATH [JSON BODY]; fails with the answer on a non-2xx status.
admin_call() {
    local method=$1 path=$2 body=${3:-}
    curl -sS --max-time 10 --fail-with-body -o "$WORK_DIR/admin-answer.json" -X "$method" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        ${body:+--data "$body"} "$ADMIN_API$path" ||
        bench_die "$method $path failed: $(cat "$WORK_DIR/admin-answer.json" 2>/dev/null)"
}

# Starts `tollgate serve` pinned to PROXY_CPU, waits for its health endpoint, and routes every request to the static upstream.
start_tollgate() {
    local attempt
    mkdir -p "$WORK_DIR/tollgate-data"
    start_pinned tollgate "$PROXY_CPU" "$BINARY" serve --data-dir "$WORK_DIR/tollgate-data" \
        --admin-listen "127.0.0.1:$ADMIN_PORT" --proxy-listen "127.0.0.1:$TOLLGATE_PORT"
    TOLLGATE_PID=$LAST_PID
    ADMIN_API="http://127.0.0.1:$ADMIN_PORT/api/v1/gateway"
    for ((attempt = 0; attempt < 600; attempt++)); do
        require_alive tollgate "$TOLLGATE_PID"
        curl -fsS --max-time 2 -o /dev/null "$ADMIN_API/health" 2>/dev/null && break
        sleep 0.2
    done
    ((attempt < 600)) || bench_die "tollgate serve did not answer $ADMIN_API/health within 120 s"
    TOKEN=$("$BINARY" token --data-dir "$WORK_DIR/tollgate-data" --role ADMIN --ttl 2h)
    admin_call POST /upstreams \
        "{\"name\": \"$UPSTREAM_NAME\", \"targets\": [{\"target\": \"127.0.0.1:$UPSTREAM_PORT\", \"weight\": 100}]}"
    admin_call POST /services "{\"name\": \"$SERVICE_NAME\", \"host\": \"$UPSTREAM_NAME\"}"
    admin_call POST "/services/$SERVICE_NAME/routes" '{"name": "bench-all", "paths": ["/"]}'
    bench_wait_status "http://127.0.0.1:$TOLLGATE_PORT/" 200 60 ||
        bench_die "a request through Tollgate's proxy did not answer 200 within 60 s (log: $WORK_DIR/tollgate.log)"
}

# Runs wrk for SECONDS against PORT, pinned to LOAD_CPU; its full output goes to FILE.
run_wrk() {
    local port=$1 seconds=$2 file=$3
    timeout $((seconds + 60)) taskset -c "$LOAD_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" \
        --latency -s bench/lib/wrk-report.lua "http://127.0.0.1:$port/" >"$file" 2>&1 ||
        bench_die "wrk against port $port failed: $(tail -n 5 "$file")"
}

# Reads the "@wrk key=value" lines of wrk output FILE into the associative array WRK.
declare -A WRK
read_wrk() {
    local line key
    WRK=()
    while read -r line; do
        key=${line#@wrk }
        WRK[${key%%=*}]=${key#*=}
    done < <(grep '^@wrk ' "$1")
    [[ -n ${WRK[requests]:-} ]] || bench_die "wrk printed no totals; its output: $(tail -n 20 "$1")"
}

# Results, per proxy name: space-separated values of every round.
declare -A RESULT_RPS RESULT_P50 RESULT_P99 RESULT_CPU RESULT_UTIL RESULT_ERRORS

# One measured run of proxy NAME (process PID, listening on PORT) in round ROUND.
measure() {
    local name=$1 pid=$2 port=$3 round=$4 before after errors rps p50 p99 cpu util
    before=$(bench_tree_ticks "$pid")
    run_wrk "$port" "$DURATION" "$WORK_DIR/wrk-$name-$round.txt"
    after=$(bench_tree_ticks "$pid")
    require_alive "$name" "$pid"
    read_wrk "$WORK_DIR/wrk-$name-$round.txt"
    ((WRK[requests] > 0)) || bench_die "no request completed through $name; see its log"
    errors=$((WRK[errors_connect] + WRK[errors_read] + WRK[errors_write] + WRK[errors_timeout] + WRK[non2xx]))
    read -r rps p50 p99 cpu util < <(awk -v n="${WRK[requests]}" -v us="${WRK[duration_us]}" \
        -v p50="${WRK[p50_us]}" -v p99="${WRK[p99_us]}" -v ticks=$((after - before)) -v hz="$CLOCK_TICKS" \
        'BEGIN { printf "%.0f %.3f %.3f %.2f %.0f\n", n / (us / 1e6), p50 / 1000, p99 / 1000,
                 ticks / hz * 1e6 / n, 100 * (ticks / hz) / (us / 1e6) }')
    RESULT_RPS[$name]+=" $rps"
    RESULT_P50[$name]+=" $p50"
    RESULT_P99[$name]+=" $p99"
    RESULT_CPU[$name]+=" $cpu"
    RESULT_UTIL[$name]+=" $util"
    RESULT_ERRORS[$name]=$((${RESULT_ERRORS[$name]:-0} + errors))
    printf 'round %d %-9s %9s req/s  p50 %7s ms  p99 %7s ms  %7s µs CPU/req  proxy CPU %3s%%  errors %s\n' \
        "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$util" "$errors"
}

# Prints "A / B" of the medians of metric array ARRAY for proxies A and B, two decimals.
ratio() {
    local -n values=$1
    local a b
    # shellcheck disable=SC2086 # the values are space-separated numbers
    a=$(bench_median ${values[$2]})
    # shellcheck disable=SC2086
    b=$(bench_median ${values[$3]})
    awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

print_summary() {
    local name
    echo
    echo "Proxy benchmark: $ROUNDS rounds x ${DURATION} s per proxy, wrk -t$THREADS -c$CONNECTIONS, ${BODY_BYTES}-byte upstream body"
    echo "proxies on CPU $PROXY_CPU; wrk and the upstream on CPU $LOAD_CPU; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "tollgate: $BINARY"
    echo "$(nginx -v 2>&1 | cut -d: -f2 | xargs), $(haproxy -v | head -n1 | cut -d' ' -f1-3), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
    echo
    printf '%-9s %10s %9s %9s %13s %10s %7s\n' proxy "req/s" "p50 ms" "p99 ms" "CPU µs/req" "proxy CPU" errors
    for name in tollgate nginx haproxy; do
        # shellcheck disable=SC2086 # the values are space-separated numbers
        printf '%-9s %10s %9s %9s %13s %9s%% %7s\n' "$name" "$(bench_median ${RESULT_RPS[$name]})" \
            "$(bench_median ${RESULT_P50[$name]})" "$(bench_median ${RESULT_P99[$name]})" \
            "$(bench_median ${RESULT_CPU[$name]})" "$(bench_median ${RESULT_UTIL[$name]})" "${RESULT_ERRORS[$name]}"
    done
    echo "(medians over the rounds; errors: socket errors and non-2xx answers, summed over the rounds)"
    echo
    printf '%-20s %14s %14s %16s\n' "ratio" "req/s" "p99" "CPU/request"
    printf '%-20s %14s %14s %16s\n' "goal vs nginx" ">= 1.00" "<= 1.20" "<= 1.00"
    for name in nginx haproxy; do
        printf '%-20s %14s %14s %16s\n' "tollgate / $name" "$(ratio RESULT_RPS tollgate "$name")" \
            "$(ratio RESULT_P99 tollgate "$name")" "$(ratio RESULT_CPU tollgate "$name")"
    done
}

# Prints the first COUNT non-comment, non-empty lines of FILE, Swift symbols demangled.
top_lines() {
    local file=$1 count=$2
    awk -v n="$count" '!/^#/ && NF { sub(/[ -]*$/, ""); print; if (++shown == n) exit }' "$file" |
        demangle_swift | cut -c1-200
}

# Demangles Swift symbols on standard input when swift-demangle is at hand.
demangle_swift() {
    if command -v swift-demangle >/dev/null 2>&1; then swift-demangle --simplified; else cat; fi
}

# Loads Tollgate for DURATION seconds while `perf record -g` samples it, then prints the time by
# shared object and the hottest symbols by self and by inclusive time; the reports (and
# perf.data, for `perf report -i`) stay in PROFILE_DIR.
profile_with_perf() {
    local perf_pid report=(perf report -i "$PROFILE_DIR/perf.data" --stdio -g none)
    perf record -g -F 999 -p "$TOLLGATE_PID" -o "$PROFILE_DIR/perf.data" >"$WORK_DIR/perf.log" 2>&1 &
    perf_pid=$!
    STARTED_PIDS+=("$perf_pid")
    sleep 1
    require_alive perf "$perf_pid"
    measure tollgate "$TOLLGATE_PID" "$TOLLGATE_PORT" 1
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
    "${report[@]}" --no-children --sort dso >"$PROFILE_DIR/dso.txt" 2>/dev/null
    "${report[@]}" --no-children --sort symbol --fields overhead,sym --percent-limit 0.2 2>/dev/null |
        grep -v '^#' | sort -t% -k1,1 -rn >"$PROFILE_DIR/self.txt"
    "${report[@]}" --children --sort symbol --fields overhead_children,overhead,sym --percent-limit 1 2>/dev/null |
        grep -v '^#' | sort -t% -k1,1 -rn >"$PROFILE_DIR/children.txt"
    echo
    echo "Time by shared object (self):"
    top_lines "$PROFILE_DIR/dso.txt" 8
    echo
    echo "Hottest symbols, self time (top 40; all in $PROFILE_DIR/self.txt):"
    top_lines "$PROFILE_DIR/self.txt" 40
    echo
    echo "Inclusive and self time (top 60; all in $PROFILE_DIR/children.txt):"
    top_lines "$PROFILE_DIR/children.txt" 60
}

profile() {
    if ! perf record -o "$WORK_DIR/perf-check.data" -- true >/dev/null 2>&1; then
        bench_die "perf cannot sample on this machine (perf_event_open refused: a container without the" \
            "capability, or kernel.perf_event_paranoid too high); run --profile where perf works." \
            "valgrind --tool=callgrind is no substitute here: Debian's valgrind 3.19 stops with an internal" \
            "SIGSEGV while loading the Swift runtime's libdispatch."
    fi
    rm -rf "$PROFILE_DIR"
    mkdir -p "$PROFILE_DIR"
    profile_with_perf
}

if [[ -n ${BENCH_BINARY:-} ]]; then
    BINARY=$BENCH_BINARY
    [[ -x $BINARY ]] || bench_die "BENCH_BINARY '$BINARY' is not an executable"
else
    bench_log "building tollgate (release)"
    swift build -c release --product tollgate >&2
    BINARY="$(swift build -c release --show-bin-path)/tollgate"
fi

read -r UPSTREAM_PORT NGINX_PORT HAPROXY_PORT ADMIN_PORT TOLLGATE_PORT < <(bench_free_ports 5)
BODY=$(printf 'x%.0s' $(seq 1 "$BODY_BYTES"))

bench_log "starting the static upstream on 127.0.0.1:$UPSTREAM_PORT (CPU $LOAD_CPU)"
start_nginx upstream nginx-upstream "$LOAD_CPU" "$UPSTREAM_PORT"
UPSTREAM_PID=$LAST_PID
bench_wait_status "http://127.0.0.1:$UPSTREAM_PORT/" 200 30 || bench_die "the static upstream did not answer 200"
require_alive upstream "$UPSTREAM_PID"

bench_log "starting tollgate on 127.0.0.1:$TOLLGATE_PORT (CPU $PROXY_CPU)"
start_tollgate
declare -A PROXY_PID=([tollgate]=$TOLLGATE_PID) PROXY_PORT=([tollgate]=$TOLLGATE_PORT)

if [[ $MODE == profile ]]; then
    bench_log "warming up tollgate for $WARMUP s"
    run_wrk "$TOLLGATE_PORT" "$WARMUP" "$WORK_DIR/wrk-warmup-tollgate.txt"
    profile
    exit 0
fi

bench_log "starting nginx on 127.0.0.1:$NGINX_PORT (CPU $PROXY_CPU)"
start_nginx nginx nginx-proxy "$PROXY_CPU" "$NGINX_PORT"
PROXY_PID[nginx]=$LAST_PID PROXY_PORT[nginx]=$NGINX_PORT

bench_log "starting haproxy on 127.0.0.1:$HAPROXY_PORT (CPU $PROXY_CPU)"
bench_render bench/lib/haproxy.cfg.in "$WORK_DIR/haproxy.cfg" PORT="$HAPROXY_PORT" UPSTREAM_PORT="$UPSTREAM_PORT"
haproxy -c -q -f "$WORK_DIR/haproxy.cfg" || bench_die "haproxy rejected $WORK_DIR/haproxy.cfg"
start_pinned haproxy "$PROXY_CPU" haproxy -db -f "$WORK_DIR/haproxy.cfg"
PROXY_PID[haproxy]=$LAST_PID PROXY_PORT[haproxy]=$HAPROXY_PORT

for name in nginx haproxy; do
    bench_wait_status "http://127.0.0.1:${PROXY_PORT[$name]}/" 200 30 ||
        bench_die "a request through $name did not answer 200 within 30 s (log: $WORK_DIR/$name.log)"
done

for name in tollgate nginx haproxy; do
    bench_log "warming up $name for $WARMUP s"
    run_wrk "${PROXY_PORT[$name]}" "$WARMUP" "$WORK_DIR/wrk-warmup-$name.txt"
    require_alive "$name" "${PROXY_PID[$name]}"
done

for ((round = 1; round <= ROUNDS; round++)); do
    for name in tollgate nginx haproxy; do
        measure "$name" "${PROXY_PID[$name]}" "${PROXY_PORT[$name]}" "$round"
    done
done
print_summary
