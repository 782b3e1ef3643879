#!/usr/bin/env bash
# Proxy benchmark, loopback only: Tollgate's proxy, nginx and HAProxy in front of the same
# static upstream (an nginx answering a 100-byte body), measured in one run, alternating.
# Each proxy is pinned to CPU $PROXY_CPU, wrk and the upstream to CPU $LOAD_CPU. For every run:
# requests/s, p50 and p99 latency, and CPU time per proxied request (user+system CPU of the
# proxy's processes from /proc over the run, divided by the requests wrk completed).
# Prints a table of medians over the rounds and Tollgate's ratios to nginx (and HAProxy).
#
#   bench/proxy.sh              the comparison, plain proxying
#   bench/proxy.sh --plugins    Tollgate with cors, correlation-id, key-auth and rate-limiting
#                               on the route against nginx and HAProxy plain proxying (issue 6)
#   bench/proxy.sh --policies   Tollgate with a tenant rate limit, a 10 % canary and a 100 %
#                               mirror against nginx doing the same job (issue 5), then both
#                               again with a mirror target that answers after 2 s; Tollgate's
#                               p99 with each mirror is also measured under a paced load
#   bench/proxy.sh --profile    Tollgate alone under the same load, with a CPU profile
#                               (perf record -g); combines with --plugins or --policies
#   bench/proxy.sh --allocations
#                               Tollgate alone under the same load, counting its heap allocations
#                               (libc malloc calls, through a perf uprobe) per proxied request:
#                               exact where CPU time is noisy; combines with --plugins or --policies
#   bench/proxy.sh --ceiling    adds three proxies with nothing in them (bench/ceiling): epoll-bytes
#                               relays bytes on a plain epoll loop, nio-bytes through SwiftNIO's
#                               channels, nio-http1 relays HTTP/1 through NIOHTTP1's codecs; what
#                               the system calls and the framework cost before any gateway work is
#                               done. Combines with --plugins
#   bench/proxy.sh --passive-checks
#                               Tollgate's upstream with passive health checks counting every
#                               response (issue 4); combines with the others
#   bench/proxy.sh --against=BINARY
#                               adds a second Tollgate, BINARY, configured the same and measured
#                               in the same rounds: an A/B of two builds (say, before and after a
#                               change) under the same machine state; combines with --plugins.
#                               Take ROUNDS=8 or more: a run varies by 5-15 % on a shared VM
#
# Environment: DURATION (s per run, 10), ROUNDS (3), CONNECTIONS (64), THREADS (wrk threads, 2),
# WARMUP (s per proxy before the first round, 5), PROXY_CPU (0), LOAD_CPU (1),
# PACED_DELAY_MS (--policies: the pause of each connection between requests in the paced runs, 10),
# BENCH_BINARY (a tollgate binary to use instead of building one in release mode),
# PROFILE_DIR (where --profile leaves perf.data and its reports, /tmp/tollgate-profile).
# Installs nginx, haproxy and wrk from Debian's packages when they are missing.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:/usr/sbin:/sbin:$PATH"
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
}

SCENARIO=plain
PROFILE=false
ALLOCATIONS=false
CEILING=false
PASSIVE_CHECKS=false
AGAINST_BINARY=
for option in "$@"; do
    case $option in
        --plugins | --policies)
            [[ $SCENARIO == plain ]] || bench_die "give one of --plugins and --policies, not both"
            SCENARIO=${option#--}
            ;;
        --profile) PROFILE=true ;;
        --allocations) ALLOCATIONS=true ;;
        --ceiling) CEILING=true ;;
        --passive-checks) PASSIVE_CHECKS=true ;;
        --against=?*) AGAINST_BINARY=${option#--against=} ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            bench_die "unknown argument '$option'"
            ;;
    esac
done

if $CEILING && [[ $SCENARIO == policies ]]; then
    bench_die "--ceiling compares plain proxying; it does not combine with --policies"
fi
if $PROFILE && $ALLOCATIONS; then
    bench_die "give one of --profile and --allocations, not both"
fi
if [[ -n $AGAINST_BINARY ]]; then
    if [[ $SCENARIO == policies ]] || $PROFILE || $ALLOCATIONS; then
        bench_die "--against combines with --plugins, not with --policies, --profile or --allocations"
    fi
    [[ -x $AGAINST_BINARY ]] || bench_die "--against: '$AGAINST_BINARY' is not an executable"
fi

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
integer_setting PACED_DELAY_MS 10 10000
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
CANARY_UPSTREAM_NAME=bench-canary-upstream
ROUTE_NAME=bench-all
# The tenant wrk's requests belong to (--policies: X-Tenant-ID; --plugins: key-auth's key maps to it).
TENANT=bench
API_KEY=bench-api-key-0123456789abcdef
ORIGIN=http://bench.example.com
# Requests per second allowed by the rate limits (Tollgate's tenant limit and rate-limiting
# plugin, nginx's limit_req): far above what one core proxies, so never reached.
RATE_LIMIT=1000000
# nginx's limit_req burst: room for the requests that arrive within the same millisecond.
TENANT_BURST=1000
# Seconds the slow mirror target of --policies sleeps before answering, and the copies' timeout.
MIRROR_SLEEP=2
MIRROR_TIMEOUT_MS=2000
# wrk counts an answer slower than this as a timeout and leaves it out of its latencies.
WRK_TIMEOUT=10s

# The headers of every measured request (the same for every proxy), and curl's/wrk's options for them.
case $SCENARIO in
    plain) REQUEST_HEADERS=() ;;
    plugins) REQUEST_HEADERS=("apikey: $API_KEY" "Origin: $ORIGIN") ;;
    policies) REQUEST_HEADERS=("X-Tenant-ID: $TENANT") ;;
esac
HEADER_ARGS=()
for header in "${REQUEST_HEADERS[@]}"; do
    HEADER_ARGS+=(-H "$header")
done

bench_require_commands nginx:nginx haproxy:haproxy wrk:wrk curl:curl python3:python3
if $PROFILE || $ALLOCATIONS; then
    bench_require_commands perf:linux-perf
fi

WORK_DIR=$(mktemp -d /tmp/tollgate-proxy-bench.XXXXXX)
STARTED_PIDS=()
CANARY_LOG=$WORK_DIR/upstream/canary-hits.log
# Policies that were configured on Tollgate but did not show in its answers.
NOT_IN_FORCE=()

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

# Starts an nginx from template bench/lib/TEMPLATE.conf.in as NAME on PORT, pinned to CPU;
# MIRROR (default MIRROR_PORT) is the port of the mirror target of nginx-policies.
start_nginx() {
    local name=$1 template=$2 cpu=$3 port=$4 mirror=${5:-$MIRROR_PORT}
    mkdir -p "$WORK_DIR/$name"
    bench_render "bench/lib/$template.conf.in" "$WORK_DIR/$name.conf" WORK_DIR="$WORK_DIR/$name" PORT="$port" \
        UPSTREAM_PORT="$UPSTREAM_PORT" CANARY_PORT="$CANARY_PORT" CANARY_LOG="$CANARY_LOG" MIRROR_PORT="$mirror" \
        KEEPALIVE="$CONNECTIONS" BODY="$BODY" BODY_BYTES="$BODY_BYTES" TENANT_RATE="$RATE_LIMIT" \
        TENANT_BURST="$TENANT_BURST"
    nginx -t -q -e "$WORK_DIR/$name/startup.log" -c "$WORK_DIR/$name.conf" ||
        bench_die "nginx rejected $WORK_DIR/$name.conf"
    start_pinned "$name" "$cpu" nginx -e "$WORK_DIR/$name/startup.log" -c "$WORK_DIR/$name.conf"
}

# Waits until a request with the measured headers through proxy NAME on PORT answers 200;
# fails otherwise with its last status and what to look at.
require_ok() {
    local name=$1 port=$2 seconds=$3 status
    bench_wait_status "http://127.0.0.1:$port/" 200 "$seconds" "${HEADER_ARGS[@]}" && return 0
    status=$(curl -s -o "$WORK_DIR/answer.txt" -w '%{http_code}' --max-time 5 "${HEADER_ARGS[@]}" \
        "http://127.0.0.1:$port/") || true
    {
        echo "the end of $name's log:"
        tail -n 20 "$WORK_DIR/$name.log" || true
        echo "the answer's body:"
        head -c 2000 "$WORK_DIR/answer.txt" || true
        echo
    } >&2
    bench_die "a request through $name (GET / with ${REQUEST_HEADERS[*]:-no extra headers}) answered ${status:-nothing}," \
        "not 200, for $seconds s; nothing is measured. With --plugins or --policies, a tollgate built before the" \
        "plugin runtime (issue 6) or the traffic policies (issue 5) may answer 500 here: use a binary that has them."
}

# Records that Tollgate does not show POLICY in its answers, so that the summary says so.
not_in_force() {
    NOT_IN_FORCE+=("$1")
    bench_log "WARNING: not in force on Tollgate's route: $1"
}

# Runs "COMMAND..." every 0.2 s until it succeeds, for at most SECONDS; returns 1 on timeout.
poll() {
    local seconds=$1 attempt
    shift
    for ((attempt = 0; attempt < seconds * 5; attempt++)); do
        "$@" && return 0
        sleep 0.2
    done
    return 1
}

# Prints the number of requests the canary port of the static upstream has answered.
canary_hits() {
    local bytes=0
    [[ ! -e $CANARY_LOG ]] || bytes=$(stat -c %s "$CANARY_LOG")
    echo $((bytes / 2))
}

# Prints the number of requests the mirror target on PORT has received, this one included
# (nginx's stub_status, or the "requests N" of bench/lib/slow-server.py).
mirror_requests() {
    local status
    status=$(curl -fsS --max-time 5 "http://127.0.0.1:$1/__bench/status") ||
        bench_die "the mirror target on port $1 did not answer GET /__bench/status"
    awk '$1 == "requests" { print $2; exit } NR == 3 && NF == 3 { print $3; exit }' <<<"$status"
}

# Succeeds when the mirror target on PORT has received more than one request (the count's own)
# since it counted BEFORE.
mirror_grew() {
    (($(mirror_requests "$1") > $2 + 1))
}

# Succeeds when one request with HEADERS... through Tollgate reaches the canary port.
reaches_canary() {
    local before
    before=$(canary_hits)
    curl -s -o /dev/null --max-time 5 "${HEADER_ARGS[@]}" "$@" "http://127.0.0.1:$TOLLGATE_PORT/" || true
    (($(canary_hits) > before))
}

# Succeeds when one request through Tollgate is copied to the mirror target on PORT within 3 s.
reaches_mirror() {
    local port=$1 before
    before=$(mirror_requests "$port")
    curl -s -o /dev/null --max-time 5 "${HEADER_ARGS[@]}" "http://127.0.0.1:$TOLLGATE_PORT/" || true
    poll 3 mirror_grew "$port" "$before"
}

# Prints the status line and headers of a request with the measured headers through Tollgate.
tollgate_answer_head() {
    curl -s -D - -o /dev/null --max-time 5 "${HEADER_ARGS[@]}" "http://127.0.0.1:$TOLLGATE_PORT/" || true
}

# Succeeds when Tollgate's answer to a measured request carries rate-limit headers.
shows_rate_limit() {
    grep -Eqi '^(x-)?ratelimit-limit' <<<"$(tollgate_answer_head)"
}

# Calls the management API: METHOD PATH [JSON BODY]; fails with the answer on a non-2xx status.
admin_call() {
    local method=$1 path=$2 body=${3:-}
    curl -sS --max-time 10 --fail-with-body -o "$WORK_DIR/admin-answer.json" -X "$method" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        ${body:+--data "$body"} "$ADMIN_API$path" ||
        bench_die "$method $path failed: $(cat "$WORK_DIR/admin-answer.json" 2>/dev/null)"
}

# Starts `tollgate serve` (BINARY) pinned to PROXY_CPU as NAME (default tollgate), waits for
# its health endpoint, routes every request to the static upstream, then adds the scenario's
# plugins or policies.
start_tollgate() {
    local name=${1:-tollgate} attempt
    mkdir -p "$WORK_DIR/$name-data"
    start_pinned "$name" "$PROXY_CPU" "$BINARY" serve --data-dir "$WORK_DIR/$name-data" \
        --admin-listen "127.0.0.1:$ADMIN_PORT" --proxy-listen "127.0.0.1:$TOLLGATE_PORT"
    TOLLGATE_PID=$LAST_PID
    ADMIN_API="http://127.0.0.1:$ADMIN_PORT/api/v1/gateway"
    for ((attempt = 0; attempt < 600; attempt++)); do
        require_alive "$name" "$TOLLGATE_PID"
        curl -fsS --max-time 2 -o /dev/null "$ADMIN_API/health" 2>/dev/null && break
        sleep 0.2
    done
    ((attempt < 600)) || bench_die "$name serve did not answer $ADMIN_API/health within 120 s"
    TOKEN=$("$BINARY" token --data-dir "$WORK_DIR/$name-data" --role ADMIN --ttl 2h)
    admin_call POST /upstreams "{\"name\": \"$UPSTREAM_NAME\", $(upstream_healthchecks)\"targets\": [{\"target\": \"127.0.0.1:$UPSTREAM_PORT\", \"weight\": 100}]}"
    admin_call POST /services "{\"name\": \"$SERVICE_NAME\", \"host\": \"$UPSTREAM_NAME\"}"
    admin_call POST "/services/$SERVICE_NAME/routes" "{\"name\": \"$ROUTE_NAME\", \"paths\": [\"/\"]}"
    bench_wait_status "http://127.0.0.1:$TOLLGATE_PORT/" 200 60 ||
        bench_die "a request through $name's proxy did not answer 200 within 60 s (log: $WORK_DIR/$name.log)"
    case $SCENARIO in
        plugins) configure_plugins ;;
        policies) configure_policies ;;
    esac
    require_ok "$name" "$TOLLGATE_PORT" 30
    case $SCENARIO in
        plugins) check_plugins ;;
        policies) check_policies ;;
    esac
}

# Prints the measured upstream's `healthchecks` member (and a comma) with --passive-checks:
# passive checks on every status class, so that each proxied response is counted.
upstream_healthchecks() {
    $PASSIVE_CHECKS || return 0
    printf '%s' '"healthchecks": {"passive": {' \
        '"healthy": {"http_statuses": [200, 201, 202, 204, 301, 302], "successes": 5}, ' \
        '"unhealthy": {"http_statuses": [500, 503], "tcp_failures": 2, "timeouts": 7, "http_failures": 5}}}, '
}

# Enables cors, correlation-id, key-auth and rate-limiting on the measured route.
configure_plugins() {
    local scope="\"route\": \"$ROUTE_NAME\""
    bench_log "enabling cors, correlation-id, key-auth and rate-limiting on route $ROUTE_NAME"
    admin_call POST /plugins "{\"name\": \"cors\", $scope, \"config\": {\"origins\": [\"$ORIGIN\"]}}"
    admin_call POST /plugins "{\"name\": \"correlation-id\", $scope, \"config\": {}}"
    admin_call POST /plugins \
        "{\"name\": \"key-auth\", $scope, \"config\": {\"keys\": [{\"key\": \"$API_KEY\", \"tenant\": \"$TENANT\"}]}}"
    admin_call POST /plugins "{\"name\": \"rate-limiting\", $scope, \"config\": {\"second\": $RATE_LIMIT}}"
    # The plugin chain is in force once a request without the key is no longer let through;
    # key-auth refuses it with 401.
    local status
    poll 15 refused_without_key
    status=$(status_without_key)
    [[ $status == 401 ]] || not_in_force "key-auth (a request without the API key answered ${status:-nothing}, not 401)"
}

# Prints the status of a request through Tollgate without the API key.
status_without_key() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Origin: $ORIGIN" "http://127.0.0.1:$TOLLGATE_PORT/" || true
}

# Succeeds when Tollgate does not let a request without the API key through.
refused_without_key() {
    [[ $(status_without_key) != 200 ]]
}

# Checks that the answer to a measured request shows each plugin's work.
check_plugins() {
    local head
    head=$(tollgate_answer_head)
    grep -qi '^access-control-allow-origin:' <<<"$head" || not_in_force "cors (no Access-Control-Allow-Origin)"
    grep -qi '^x-request-id:' <<<"$head" || not_in_force "correlation-id (no X-Request-ID echoed)"
    shows_rate_limit || not_in_force "rate-limiting (no RateLimit-Limit header)"
}

# Sets the measured route's mirror to the target on PORT (every request, timeout MIRROR_TIMEOUT_MS).
set_tollgate_mirror() {
    admin_call POST "/routes/$ROUTE_NAME/mirror" \
        "{\"url\": \"http://127.0.0.1:$1\", \"sample_percent\": 100, \"timeout_ms\": $MIRROR_TIMEOUT_MS}"
}

# Adds the tenant rate limit, the 10 % canary (an upstream on the static upstream's canary port)
# and the 100 % mirror (to the static mirror target).
configure_policies() {
    bench_log "adding a tenant rate limit for '$TENANT', a 10 % canary and a 100 % mirror"
    admin_call POST "/tenants/$TENANT/rate-limit" "{\"second\": $RATE_LIMIT}"
    admin_call POST /upstreams "{\"name\": \"$CANARY_UPSTREAM_NAME\", \"targets\": [{\"target\": \"127.0.0.1:$CANARY_PORT\", \"weight\": 100}]}"
    admin_call POST "/services/$SERVICE_NAME/canary" "{\"upstream\": \"$CANARY_UPSTREAM_NAME\", \"percentage\": 10}"
    set_tollgate_mirror "$MIRROR_PORT"
}

# Checks that Tollgate's answers and the targets show each policy's work.
check_policies() {
    poll 10 shows_rate_limit ||
        not_in_force "tenant rate limit (no RateLimit-Limit header on the answers within 10 s)"
    poll 10 reaches_canary -H "X-Canary: always" ||
        not_in_force "canary (a request with X-Canary: always did not reach the canary within 10 s)"
    poll 10 reaches_mirror "$MIRROR_PORT" ||
        not_in_force "mirror (no copy reached the mirror target within 10 s)"
}

# Runs wrk for SECONDS against PORT with the measured headers, pinned to LOAD_CPU; its full output goes to FILE.
run_wrk() {
    local port=$1 seconds=$2 file=$3
    timeout $((seconds + 60)) taskset -c "$LOAD_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" \
        --timeout "$WRK_TIMEOUT" --latency -s bench/lib/wrk-report.lua "${HEADER_ARGS[@]}" \
        "http://127.0.0.1:$port/" >"$file" 2>&1 ||
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

# Results, per label: space-separated values of every round.
declare -A RESULT_RPS RESULT_P50 RESULT_P99 RESULT_CPU RESULT_USER RESULT_SYSTEM RESULT_UTIL RESULT_ERRORS RESULT_CANARY \
    RESULT_MIRROR

# The mirror target of the current phase of --policies, and the seconds to wait after a run
# before counting its copies (copies still in flight land meanwhile).
MIRROR_TARGET_PORT=
MIRROR_SETTLE=0

# One measured run, recorded as LABEL, of proxy NAME (process PID, listening on PORT) in round ROUND.
measure() {
    local label=$1 name=$2 pid=$3 port=$4 round=$5 user_before system_before user_after system_after errors
    local rps p50 p99 cpu user system util policies=""
    local canary_before mirror_before canary mirrored file=$WORK_DIR/wrk-${label//[^a-z0-9]/-}-$round.txt
    if [[ $SCENARIO == policies ]]; then
        canary_before=$(canary_hits)
        mirror_before=$(mirror_requests "$MIRROR_TARGET_PORT")
    fi
    read -r user_before system_before < <(bench_tree_ticks "$pid")
    run_wrk "$port" "$DURATION" "$file"
    read -r user_after system_after < <(bench_tree_ticks "$pid")
    require_alive "$name" "$pid"
    read_wrk "$file"
    ((WRK[requests] > 0)) || bench_die "no request completed through $name; see its log"
    errors=$((WRK[errors_connect] + WRK[errors_read] + WRK[errors_write] + WRK[errors_timeout] + WRK[non2xx]))
    read -r rps p50 p99 cpu user system util < <(awk -v n="${WRK[requests]}" -v us="${WRK[duration_us]}" \
        -v p50="${WRK[p50_us]}" -v p99="${WRK[p99_us]}" -v u=$((user_after - user_before)) \
        -v s=$((system_after - system_before)) -v hz="$CLOCK_TICKS" \
        'BEGIN { printf "%.0f %.3f %.3f %.2f %.2f %.2f %.0f\n", n / (us / 1e6), p50 / 1000, p99 / 1000,
                 (u + s) / hz * 1e6 / n, u / hz * 1e6 / n, s / hz * 1e6 / n, 100 * ((u + s) / hz) / (us / 1e6) }')
    if [[ $SCENARIO == policies ]]; then
        sleep "$MIRROR_SETTLE"
        read -r canary mirrored < <(awk -v n="${WRK[requests]}" -v c=$(($(canary_hits) - canary_before)) \
            -v m=$(($(mirror_requests "$MIRROR_TARGET_PORT") - mirror_before - 1)) \
            'BEGIN { printf "%.1f %.1f\n", 100 * c / n, 100 * m / n }')
        RESULT_CANARY[$label]+=" $canary"
        RESULT_MIRROR[$label]+=" $mirrored"
        policies=$(printf '  canary %5s%%  mirrored %5s%%' "$canary" "$mirrored")
    fi
    RESULT_RPS[$label]+=" $rps"
    RESULT_P50[$label]+=" $p50"
    RESULT_P99[$label]+=" $p99"
    RESULT_CPU[$label]+=" $cpu"
    RESULT_USER[$label]+=" $user"
    RESULT_SYSTEM[$label]+=" $system"
    RESULT_UTIL[$label]+=" $util"
    RESULT_ERRORS[$label]=$((${RESULT_ERRORS[$label]:-0} + errors))
    printf 'round %d %-13s %9s req/s  p50 %7s ms  p99 %8s ms  %7s µs CPU/req (user %s, system %s)  proxy CPU %3s%%  errors %s%s\n' \
        "$round" "$label" "$rps" "$p50" "$p99" "$cpu" "$user" "$system" "$util" "$errors" "$policies"
}

# Prints the median of the values of LABEL in result array ARRAY.
median_of() {
    local -n values=$1
    # shellcheck disable=SC2086 # the values are space-separated numbers
    bench_median ${values[$2]}
}

# Prints "A / B" of the medians of metric array ARRAY for labels A and B, two decimals.
ratio() {
    awk -v a="$(median_of "$1" "$2")" -v b="$(median_of "$1" "$3")" \
        'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# Prints "A / B" of metric array ARRAY for labels A and B in each round, two decimals each,
# space-separated: the two ran one after the other, so each ratio saw the same machine state.
round_ratios() {
    local -n values=$1
    awk -v a="${values[$2]}" -v b="${values[$3]}" 'BEGIN {
        n = split(a, x, " "); split(b, y, " ")
        for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? " " : ""), (y[i] > 0 ? x[i] / y[i] : 0) }'
}

# What the scenario measures, Tollgate's goals against nginx (req/s, p99, CPU/request) and the
# labels in the comparison.
case $SCENARIO in
    plain)
        SCENARIO_TEXT="plain proxying"
        GOALS=(">= 1.00" "<= 1.20" "<= 1.00")
        GOAL_SOURCE="issue 3"
        LABELS=(tollgate nginx haproxy)
        ;;
    plugins)
        SCENARIO_TEXT="tollgate with cors, correlation-id, key-auth and rate-limiting (limit never reached) on the route;
nginx and haproxy plain proxying; every request carries an API key (apikey) and an Origin"
        GOALS=(">= 0.80" "-" "<= 1.25")
        GOAL_SOURCE="issue 6, against nginx's plain proxying"
        LABELS=(tollgate nginx haproxy)
        ;;
    policies)
        SCENARIO_TEXT="tollgate and nginx with a tenant rate limit (X-Tenant-ID, never reached), a 10 % canary and a
100 % mirror to a second static nginx (nginx: limit_req, split_clients, mirror)"
        GOALS=(">= 1.00" "-" "<= 1.00")
        GOAL_SOURCE="issue 5"
        LABELS=(tollgate nginx)
        ;;
esac
# The floors --ceiling adds (bench/ceiling), each also the mode its binary runs in.
CEILING_LABELS=(epoll-bytes nio-bytes nio-http1)
if $PASSIVE_CHECKS; then
    SCENARIO_TEXT="$SCENARIO_TEXT;
tollgate's upstream with passive health checks counting every response"
    GOAL_SOURCE="$GOAL_SOURCE; with passive checks the ratios should not drop (issue 4)"
fi

# Prints the table of medians for LABEL... (with the policy shares under --policies).
print_table() {
    local label extra=""
    [[ $SCENARIO != policies ]] || extra=$(printf ' %8s %9s' "canary" "mirrored")
    printf '%-13s %10s %9s %9s %13s %8s %8s %10s %7s%s\n' proxy "req/s" "p50 ms" "p99 ms" "CPU µs/req" "user" "system" \
        "proxy CPU" errors "$extra"
    for label in "$@"; do
        [[ $SCENARIO != policies ]] ||
            extra=$(printf ' %7s%% %8s%%' "$(median_of RESULT_CANARY "$label")" "$(median_of RESULT_MIRROR "$label")")
        printf '%-13s %10s %9s %9s %13s %8s %8s %9s%% %7s%s\n' "$label" "$(median_of RESULT_RPS "$label")" \
            "$(median_of RESULT_P50 "$label")" "$(median_of RESULT_P99 "$label")" "$(median_of RESULT_CPU "$label")" \
            "$(median_of RESULT_USER "$label")" "$(median_of RESULT_SYSTEM "$label")" \
            "$(median_of RESULT_UTIL "$label")" "${RESULT_ERRORS[$label]}" "$extra"
    done
    echo "(medians over the rounds; user and system: the CPU µs per request spent in the proxy's own code and in"
    echo " the kernel on its behalf; errors: socket errors, non-2xx answers and answers slower than $WRK_TIMEOUT,"
    echo " summed over the rounds)"
}

# Prints one row of a ratio table: a label and three columns.
ratio_row() {
    printf '%-24s %10s %14s %16s\n' "$@"
}

print_summary() {
    local name ratios
    echo
    echo "Proxy benchmark: $ROUNDS rounds x ${DURATION} s per proxy, wrk -t$THREADS -c$CONNECTIONS, ${BODY_BYTES}-byte upstream body"
    echo "proxies on CPU $PROXY_CPU; wrk and the upstream on CPU $LOAD_CPU; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "tollgate: $BINARY"
    [[ -z $AGAINST_BINARY ]] || echo "tollgate-b: $AGAINST_BINARY"
    echo "$(nginx -v 2>&1 | cut -d: -f2 | xargs), $(haproxy -v | head -n1 | cut -d' ' -f1-3), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
    echo "scenario: $SCENARIO_TEXT"
    [[ $SCENARIO != policies ]] || echo "$HAPROXY_LEFT_OUT"
    print_not_in_force
    echo
    print_table "${LABELS[@]}"
    echo
    ratio_row "ratio" "req/s" "p99" "CPU/request"
    ratio_row "goal vs nginx" "${GOALS[@]}"
    for name in "${LABELS[@]:1}"; do
        ratio_row "tollgate / $name" "$(ratio RESULT_RPS tollgate "$name")" \
            "$(ratio RESULT_P99 tollgate "$name")" "$(ratio RESULT_CPU tollgate "$name")"
    done
    echo "(goals: $GOAL_SOURCE)"
    echo
    echo "CPU/request ratio in each round, and its median: how far one round is from the next"
    for name in "${LABELS[@]:1}"; do
        ratios=$(round_ratios RESULT_CPU tollgate "$name")
        # shellcheck disable=SC2086 # the ratios are space-separated numbers
        printf '%-24s %s   median %.2f\n' "tollgate / $name" "$ratios" "$(bench_median $ratios)"
    done
    if $CEILING; then
        echo
        ratio_row "ceiling" "req/s" "p99" "CPU/request"
        for name in "${CEILING_LABELS[@]}"; do
            ratio_row "$name / nginx" "$(ratio RESULT_RPS "$name" nginx)" \
                "$(ratio RESULT_P99 "$name" nginx)" "$(ratio RESULT_CPU "$name" nginx)"
        done
        echo "(epoll-bytes: Swift relaying bytes on a plain epoll loop; nio-bytes: the same through SwiftNIO's"
        echo " channels; nio-http1: through NIOHTTP1's decoders and encoders too; none routes, pools, times out"
        echo " or rewrites a header)"
    fi
    [[ $SCENARIO != policies ]] || print_slow_mirror_summary
}

# Prints phase 2 of --policies: each proxy's primary p99 with the slow mirror target against phase 1.
print_slow_mirror_summary() {
    local name
    echo
    echo "Phase 2: the mirror target answers after $MIRROR_SLEEP s (copies time out after $MIRROR_TIMEOUT_MS ms)"
    if ((DURATION < 5 * MIRROR_SLEEP)); then
        echo "(DURATION $DURATION s is under $((5 * MIRROR_SLEEP)) s: few of nginx's stalled requests complete within a run,"
        echo " so its p99 understates the stall; its req/s shows it)"
    fi
    echo
    print_table "${SLOW_LABELS[@]}"
    echo
    printf '%-13s %14s %14s %14s %12s\n' proxy "p99 ms fast" "p99 ms slow" "p99 slow/fast" "req/s ratio"
    printf '%-13s %14s %14s %14s %12s\n' "goal" "" "" "0.90 .. 1.10" ""
    for name in tollgate nginx; do
        printf '%-13s %14s %14s %14s %12s\n' "$name" "$(median_of RESULT_P99 "$name")" \
            "$(median_of RESULT_P99 "$name+slow")" "$(ratio RESULT_P99 "$name+slow" "$name")" \
            "$(ratio RESULT_RPS "$name+slow" "$name")"
    done
    printf '%-13s %14s %14s %14s %12s\n' "tollgate, paced" "$(median_of RESULT_P99 tollgate@paced)" \
        "$(median_of RESULT_P99 tollgate+slow@paced)" "$(ratio RESULT_P99 tollgate+slow@paced tollgate@paced)" \
        "$(ratio RESULT_RPS tollgate+slow@paced tollgate@paced)"
    echo "(nginx's mirror is a subrequest that the client's request waits for before its connection serves"
    echo " the next request: with a slow mirror target, nginx's own primary traffic stalls."
    echo " paced: each connection waits $PACED_DELAY_MS ms after every answer, so both phases offer the same load;"
    echo " without pacing, Tollgate serves more requests with the slow mirror, whose copies it drops)"
}

# Prints the policies or plugins configured on Tollgate that its answers did not show.
print_not_in_force() {
    local problem
    for problem in "${NOT_IN_FORCE[@]}"; do
        echo "NOT IN FORCE on Tollgate's route, so not measured: $problem"
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

# Starts `perf ARGS...` in the background (its output in WORK_DIR/perf.log) and waits until it
# is up; its pid goes in PERF_PID.
start_perf() {
    perf "$@" >"$WORK_DIR/perf.log" 2>&1 &
    PERF_PID=$!
    STARTED_PIDS+=("$PERF_PID")
    sleep 1
    require_alive perf "$PERF_PID"
}

# Stops the perf that start_perf started, letting it write what it recorded or counted.
stop_perf() {
    kill -INT "$PERF_PID"
    wait "$PERF_PID" || true
}

# Loads Tollgate for DURATION seconds while `perf record -g` samples it, then prints the time by
# shared object and the hottest symbols by self and by inclusive time; the reports (and
# perf.data, for `perf report -i`) stay in PROFILE_DIR.
profile_with_perf() {
    local report=(perf report -i "$PROFILE_DIR/perf.data" --stdio -g none)
    start_perf record -g -F 999 -p "$TOLLGATE_PID" -o "$PROFILE_DIR/perf.data"
    measure tollgate tollgate "$TOLLGATE_PID" "$TOLLGATE_PORT" 1
    print_not_in_force
    stop_perf
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

# Loads Tollgate for DURATION seconds while a uprobe on libc's malloc counts its calls, then
# prints the allocations per proxied request. The probe slows every allocation down, so the
# run's req/s and CPU time mean nothing; the count does not depend on them.
count_allocations() {
    local libc added=false file=$WORK_DIR/wrk-allocations.txt
    libc=$(ldd "$BINARY" | awk '$1 ~ /^libc\.so/ { print $3; exit }')
    [[ -n $libc ]] || bench_die "cannot tell which libc $BINARY loads (ldd)"
    if ! perf probe -l 2>/dev/null | grep -q 'probe_libc:malloc '; then
        perf probe -q -x "$libc" malloc >"$WORK_DIR/perf-probe.log" 2>&1 ||
            bench_die "perf cannot add a uprobe on $libc's malloc (root and a kernel with uprobes are needed):" \
                "$(cat "$WORK_DIR/perf-probe.log")"
        added=true
    fi
    start_perf stat -x, -e probe_libc:malloc -p "$TOLLGATE_PID" -o "$WORK_DIR/allocations.csv"
    run_wrk "$TOLLGATE_PORT" "$DURATION" "$file"
    stop_perf
    ! $added || perf probe -q -d probe_libc:malloc >/dev/null 2>&1 || true
    read_wrk "$file"
    print_not_in_force
    awk -F, -v n="${WRK[requests]}" '$3 == "probe_libc:malloc" {
        printf "%d requests, %d allocations: %.2f allocations per proxied request\n", n, $1, $1 / n }' \
        "$WORK_DIR/allocations.csv"
    echo "(libc malloc calls of the tollgate process during the run, through a perf uprobe; the run's speed means nothing)"
}

# Warms up each proxy of LABEL... (entries of PROXY_PID and PROXY_PORT) for WARMUP seconds.
warm_up() {
    local label
    for label in "$@"; do
        bench_log "warming up $label for $WARMUP s"
        run_wrk "${PROXY_PORT[$label]}" "$WARMUP" "$WORK_DIR/wrk-warmup-${label//[^a-z0-9]/-}.txt"
        require_alive "${PROXY_LOG[$label]}" "${PROXY_PID[$label]}"
    done
}

# Runs ROUNDS rounds over the proxies of LABEL..., alternating.
run_rounds() {
    local round label
    for ((round = 1; round <= ROUNDS; round++)); do
        for label in "$@"; do
            measure "$label" "${PROXY_LOG[$label]}" "${PROXY_PID[$label]}" "${PROXY_PORT[$label]}" "$round"
        done
    done
}

# Runs ROUNDS rounds of Tollgate alone as LABEL under a paced load: each connection waits
# PACED_DELAY_MS after every answer, so that the offered load does not depend on how much work
# the mirror makes (a slow mirror's copies are dropped, which would let a closed loop run faster).
run_paced_rounds() {
    local label=$1 round
    PROXY_PID[$label]=$TOLLGATE_PID PROXY_PORT[$label]=$TOLLGATE_PORT PROXY_LOG[$label]=tollgate
    export WRK_DELAY_MS=$PACED_DELAY_MS
    for ((round = 1; round <= ROUNDS; round++)); do
        measure "$label" tollgate "$TOLLGATE_PID" "$TOLLGATE_PORT" "$round"
    done
    unset WRK_DELAY_MS
}

# Phase 2 of --policies: the mirror target of Tollgate and of a second nginx is the slow server.
run_slow_mirror_phase() {
    bench_log "phase 2: the mirror target answers after $MIRROR_SLEEP s"
    set_tollgate_mirror "$SLOW_MIRROR_PORT"
    poll 10 reaches_mirror "$SLOW_MIRROR_PORT" ||
        not_in_force "mirror to the slow target (no copy reached it within 10 s)"
    bench_log "starting nginx with the slow mirror target on 127.0.0.1:$NGINX_SLOW_PORT (CPU $PROXY_CPU)"
    start_nginx nginx-slow nginx-policies "$PROXY_CPU" "$NGINX_SLOW_PORT" "$SLOW_MIRROR_PORT"
    PROXY_PID[nginx+slow]=$LAST_PID PROXY_PORT[nginx+slow]=$NGINX_SLOW_PORT PROXY_LOG[nginx+slow]=nginx-slow
    PROXY_PID[tollgate+slow]=$TOLLGATE_PID PROXY_PORT[tollgate+slow]=$TOLLGATE_PORT PROXY_LOG[tollgate+slow]=tollgate
    require_ok nginx-slow "$NGINX_SLOW_PORT" 30
    MIRROR_TARGET_PORT=$SLOW_MIRROR_PORT
    MIRROR_SETTLE=$((MIRROR_SLEEP + 1))
    SLOW_LABELS=(tollgate+slow nginx+slow)
    warm_up "${SLOW_LABELS[@]}"
    run_rounds "${SLOW_LABELS[@]}"
    run_paced_rounds tollgate+slow@paced
}

bench_tollgate_binary
if $CEILING; then
    bench_log "building the ceiling proxies (release, bench/ceiling)"
    # Built as Tollgate is, so that the floors compare with it.
    swift build "${RELEASE_BUILD_FLAGS[@]}" --package-path bench/ceiling >&2
    CEILING_BINARY="$(swift build "${RELEASE_BUILD_FLAGS[@]}" --package-path bench/ceiling --show-bin-path)/ceiling"
fi

read -r UPSTREAM_PORT CANARY_PORT MIRROR_PORT SLOW_MIRROR_PORT NGINX_PORT NGINX_SLOW_PORT HAPROXY_PORT ADMIN_PORT \
    TOLLGATE_PORT EPOLL_BYTES_PORT NIO_BYTES_PORT NIO_HTTP1_PORT AGAINST_PORT AGAINST_ADMIN_PORT < <(bench_free_ports 14)
BODY=$(printf 'x%.0s' $(seq 1 "$BODY_BYTES"))
HAPROXY_LEFT_OUT="haproxy: left out of --policies. It has no built-in request mirroring (it needs an external SPOE
agent such as spoa-mirror, or a Lua HTTP client task per request), so it cannot do this job simply; its
plain proxying is measured by bench/proxy.sh without options."

bench_log "starting the static upstream on 127.0.0.1:$UPSTREAM_PORT and :$CANARY_PORT (CPU $LOAD_CPU)"
start_nginx upstream nginx-upstream "$LOAD_CPU" "$UPSTREAM_PORT"
UPSTREAM_PID=$LAST_PID
bench_wait_status "http://127.0.0.1:$UPSTREAM_PORT/" 200 30 || bench_die "the static upstream did not answer 200"
require_alive upstream "$UPSTREAM_PID"

if [[ $SCENARIO == policies ]]; then
    bench_log "starting the mirror target on 127.0.0.1:$MIRROR_PORT and the slow one on :$SLOW_MIRROR_PORT (CPU $LOAD_CPU)"
    start_nginx mirror nginx-mirror "$LOAD_CPU" "$MIRROR_PORT"
    start_pinned slow-mirror "$LOAD_CPU" python3 bench/lib/slow-server.py "$SLOW_MIRROR_PORT" "$MIRROR_SLEEP"
    bench_wait_status "http://127.0.0.1:$MIRROR_PORT/__bench/status" 200 30 || bench_die "the mirror target did not answer 200"
    bench_wait_status "http://127.0.0.1:$SLOW_MIRROR_PORT/__bench/status" 200 30 ||
        bench_die "the slow mirror target did not answer 200 (log: $WORK_DIR/slow-mirror.log)"
    MIRROR_TARGET_PORT=$MIRROR_PORT
fi

if [[ -n $AGAINST_BINARY ]]; then
    # Started first, so that the variables of the measured Tollgate are the ones left set.
    bench_log "starting tollgate-b ($AGAINST_BINARY) on 127.0.0.1:$AGAINST_PORT (CPU $PROXY_CPU)"
    # Assignments before a function call last for that call only.
    BINARY=$AGAINST_BINARY TOLLGATE_PORT=$AGAINST_PORT ADMIN_PORT=$AGAINST_ADMIN_PORT start_tollgate tollgate-b
    AGAINST_PID=$TOLLGATE_PID
fi
bench_log "starting tollgate on 127.0.0.1:$TOLLGATE_PORT (CPU $PROXY_CPU)"
start_tollgate
declare -A PROXY_PID=([tollgate]=$TOLLGATE_PID) PROXY_PORT=([tollgate]=$TOLLGATE_PORT) PROXY_LOG=([tollgate]=tollgate)
if [[ -n $AGAINST_BINARY ]]; then
    PROXY_PID[tollgate-b]=$AGAINST_PID PROXY_PORT[tollgate-b]=$AGAINST_PORT PROXY_LOG[tollgate-b]=tollgate-b
    LABELS+=(tollgate-b)
fi

if $PROFILE || $ALLOCATIONS; then
    bench_log "warming up tollgate for $WARMUP s"
    run_wrk "$TOLLGATE_PORT" "$WARMUP" "$WORK_DIR/wrk-warmup-tollgate.txt"
    if $PROFILE; then profile; else count_allocations; fi
    exit 0
fi

if [[ $SCENARIO == policies ]]; then
    bench_log "starting nginx with the same policies on 127.0.0.1:$NGINX_PORT (CPU $PROXY_CPU)"
    start_nginx nginx nginx-policies "$PROXY_CPU" "$NGINX_PORT"
    bench_log "${HAPROXY_LEFT_OUT//$'\n'/ }"
else
    bench_log "starting nginx on 127.0.0.1:$NGINX_PORT (CPU $PROXY_CPU)"
    start_nginx nginx nginx-proxy "$PROXY_CPU" "$NGINX_PORT"
fi
PROXY_PID[nginx]=$LAST_PID PROXY_PORT[nginx]=$NGINX_PORT PROXY_LOG[nginx]=nginx

if [[ $SCENARIO != policies ]]; then
    bench_log "starting haproxy on 127.0.0.1:$HAPROXY_PORT (CPU $PROXY_CPU)"
    bench_render bench/lib/haproxy.cfg.in "$WORK_DIR/haproxy.cfg" PORT="$HAPROXY_PORT" UPSTREAM_PORT="$UPSTREAM_PORT"
    haproxy -c -q -f "$WORK_DIR/haproxy.cfg" || bench_die "haproxy rejected $WORK_DIR/haproxy.cfg"
    start_pinned haproxy "$PROXY_CPU" haproxy -db -f "$WORK_DIR/haproxy.cfg"
    PROXY_PID[haproxy]=$LAST_PID PROXY_PORT[haproxy]=$HAPROXY_PORT PROXY_LOG[haproxy]=haproxy
fi

if $CEILING; then
    declare -A CEILING_PORT=([epoll-bytes]=$EPOLL_BYTES_PORT [nio-bytes]=$NIO_BYTES_PORT [nio-http1]=$NIO_HTTP1_PORT)
    for name in "${CEILING_LABELS[@]}"; do
        port=${CEILING_PORT[$name]}
        bench_log "starting $name on 127.0.0.1:$port (CPU $PROXY_CPU)"
        start_pinned "$name" "$PROXY_CPU" "$CEILING_BINARY" "$name" "$port" "$UPSTREAM_PORT"
        PROXY_PID[$name]=$LAST_PID PROXY_PORT[$name]=$port PROXY_LOG[$name]=$name
    done
    LABELS+=("${CEILING_LABELS[@]}")
fi

for name in "${LABELS[@]:1}"; do
    require_ok "$name" "${PROXY_PORT[$name]}" 30
done

warm_up "${LABELS[@]}"
run_rounds "${LABELS[@]}"
if [[ $SCENARIO == policies ]]; then
    run_paced_rounds tollgate@paced
    run_slow_mirror_phase
fi
print_summary
