#!/usr/bin/env bash
# Management API benchmark on the embedded engine with SQLite, on loopback only:
#   1. admin upserts per second: BENCH_UPSERTS (default 5000) POST /services with distinct
#      names, over BENCH_CONCURRENCY (default 32) keep-alive connections;
#   2. listing latency: the store is filled to BENCH_LIST_TOTAL (default 10000) services, then
#      GET /services?size=1000 is followed page by page to the end, BENCH_LIST_ROUNDS (default 50)
#      times; median and p99 of a full listing.
# Builds tollgate in release mode, or uses the binary BENCH_BINARY names; prints a summary table.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=bench/lib/common.sh
source bench/lib/common.sh
# shellcheck source=scripts/lib/tollgate-server.sh
source scripts/lib/tollgate-server.sh

UPSERTS=${BENCH_UPSERTS:-5000}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
LIST_TOTAL=${BENCH_LIST_TOTAL:-10000}
LIST_ROUNDS=${BENCH_LIST_ROUNDS:-50}
LIST_PAGE=1000

WORK_DIR=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
cleanup() {
    tollgate_stop
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

bench_tollgate_binary

echo "--- starting tollgate serve"
tollgate_start "$BINARY" "$WORK_DIR"
TOKEN=$(tollgate_token "$BINARY")

# Runs scripts/admin_load.py (which fails on any unexpected answer) and stores the
# key=value lines it prints in the associative array named by $1.
# shellcheck disable=SC2034 # results is a nameref: the caller's array is filled
load() {
    local -n results=$1
    local output key value
    shift
    output=$(timeout 600 python3 scripts/admin_load.py "$@" --api "$TOLLGATE_API" --token "$TOKEN")
    while IFS='=' read -r key value; do
        results["$key"]=$value
    done <<<"$output"
}
declare -A upserts=() listing=()

echo "--- $UPSERTS upserts, $CONCURRENCY connections"
load upserts upsert --count "$UPSERTS" --concurrency "$CONCURRENCY"

if ((LIST_TOTAL > UPSERTS)); then
    echo "--- filling to $LIST_TOTAL services"
    timeout 600 python3 scripts/admin_load.py upsert --count "$((LIST_TOTAL - UPSERTS))" --first "$UPSERTS" \
        --concurrency "$CONCURRENCY" --api "$TOLLGATE_API" --token "$TOKEN" >/dev/null
fi
services=$((LIST_TOTAL > UPSERTS ? LIST_TOTAL : UPSERTS))

echo "--- $LIST_ROUNDS full listings of $services services, $LIST_PAGE per page"
load listing list --size "$LIST_PAGE" --expect "$services" --rounds "$LIST_ROUNDS"

echo
echo "Tollgate admin benchmark (embedded engine, SQLite, $(nproc) cores)"
echo "binary: $BINARY"
row() { printf '%-48s %12s\n' "$1" "$2"; }
row "measure" "value"
row "POST /services upserts/s ($UPSERTS, c=$CONCURRENCY)" "${upserts[per_second]}"
row "  upsert latency p50 (ms)" "${upserts[p50_ms]}"
row "  upsert latency p99 (ms)" "${upserts[p99_ms]}"
row "full listing of $services, median (ms)" "${listing[median_ms]}"
row "full listing of $services, p99 (ms, $LIST_ROUNDS rounds)" "${listing[p99_ms]}"
