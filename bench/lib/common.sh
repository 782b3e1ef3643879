# shellcheck shell=bash
# Shell helpers for the benchmarks under bench/: logging, loopback ports, Debian packages,
# process CPU accounting, waiting for an HTTP status, small statistics. Source it; it only
# defines functions.

# Prints a progress line on standard error, so that standard output keeps only results.
bench_log() {
    echo "--- $*" >&2
}

# Prints an error on standard error and exits with status 1.
bench_die() {
    echo "error: $*" >&2
    exit 1
}

# The production build's flags (README, "Production build"): release mode, with Swift's
# run-time exclusivity checks off in every module, SwiftNIO's included.
RELEASE_BUILD_FLAGS=(-c release -Xswiftc -enforce-exclusivity=unchecked)

# Sets BINARY to the tollgate binary to measure: BENCH_BINARY when given (it must be
# executable), else one built now as in production (RELEASE_BUILD_FLAGS).
bench_tollgate_binary() {
    if [[ -n ${BENCH_BINARY:-} ]]; then
        BINARY=$BENCH_BINARY
        [[ -x $BINARY ]] || bench_die "BENCH_BINARY '$BINARY' is not an executable"
    else
        bench_log "building tollgate (release)"
        swift build "${RELEASE_BUILD_FLAGS[@]}" --product tollgate >&2
        BINARY="$(swift build "${RELEASE_BUILD_FLAGS[@]}" --show-bin-path)/tollgate"
    fi
}

# Prints N distinct free TCP ports on 127.0.0.1, separated by spaces (all held open together).
bench_free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
for s in sockets:
    s.close()
PY
}

# Installs the Debian packages that provide missing commands. Arguments are COMMAND:PACKAGE pairs;
# nothing is installed when every command is already on PATH. Services that a package would
# start on installation are kept from starting (policy-rc.d), so no stray daemon is left behind.
bench_require_commands() {
    local pair missing=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    ((${#missing[@]} > 0)) || return 0
    ((EUID == 0)) || bench_die "missing ${missing[*]}; run as root or install them: apt-get install -y ${missing[*]}"
    bench_log "installing ${missing[*]} from Debian's packages"
    local policy=/usr/sbin/policy-rc.d made_policy=false
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=true
    fi
    local status=0
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2 || status=$?
    if $made_policy; then rm -f "$policy"; fi
    ((status == 0)) || bench_die "apt-get install ${missing[*]} failed (status $status)"
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || bench_die "${pair#*:} is installed but ${pair%%:*} is not on PATH"
    done
}

# Prints the user and the system CPU clock ticks (two numbers) spent so far by process PID (all
# its threads) and by its direct children (an nginx master's workers). /proc/PID/stat fields 14
# and 15; the command name in field 2 may hold spaces, so fields are counted after its closing
# parenthesis.
bench_tree_ticks() {
    local pid=$1 user=0 system=0 child stat
    local -a fields
    for child in "$pid" $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
        stat=$(<"/proc/$child/stat") || continue
        read -ra fields <<<"${stat##*) }"
        user=$((user + fields[11]))
        system=$((system + fields[12]))
    done
    echo "$user $system"
}

# Waits until GET URL answers STATUS, polling every 0.2 s for at most SECONDS; returns 1 on timeout.
# Further arguments go to curl (headers: -H 'Name: value').
bench_wait_status() {
    local url=$1 status=$2 seconds=$3 attempt got
    shift 3
    for ((attempt = 0; attempt < seconds * 5; attempt++)); do
        got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$@" "$url" 2>/dev/null) || true
        [[ $got == "$status" ]] && return 0
        sleep 0.2
    done
    return 1
}

# Prints the median of the numbers given as arguments (the mean of the middle two for an even count).
bench_median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n/a"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Copies template FILE to OUT, replacing each @KEY@ with VALUE for every KEY=VALUE argument.
bench_render() {
    local template=$1 out=$2 pair script=()
    shift 2
    for pair in "$@"; do
        script+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
    done
    sed "${script[@]}" "$template" >"$out"
    if grep -q '@[A-Z_]*@' "$out"; then
        bench_die "$template has placeholders left unfilled: $(grep -o '@[A-Z_]*@' "$out" | sort -u | tr '\n' ' ')"
    fi
}
