# shellcheck shell=bash
# Starting and stopping a throwaway `tollgate serve` on loopback ports, for scripts that drive
# the management API (the contract check, the admin benchmark). Source it; it defines functions only.
#
#   tollgate_start BINARY WORK_DIR   starts the server with its data under WORK_DIR/data and its log
#                                    in WORK_DIR/serve.log; waits (60 s at most) until /health answers
#                                    200; sets TOLLGATE_PID, TOLLGATE_DATA_DIR, TOLLGATE_API (base URL).
#   tollgate_token BINARY [ROLE]     prints a token (role ADMIN by default) minted with the running
#                                    server's secret.
#   tollgate_stop                    stops the server started by tollgate_start (safe to call twice).

# Prints two free TCP ports on 127.0.0.1 (admin, proxy), held open together so they differ.
tollgate_free_ports() {
    python3 - <<'PY'
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
for s in sockets:
    s.close()
PY
}

tollgate_start() {
    local binary=$1 work_dir=$2 admin_port proxy_port attempt
    read -r admin_port proxy_port < <(tollgate_free_ports)
    TOLLGATE_DATA_DIR="$work_dir/data"
    TOLLGATE_LOG="$work_dir/serve.log"
    TOLLGATE_API="http://127.0.0.1:$admin_port/api/v1/gateway"
    mkdir -p "$TOLLGATE_DATA_DIR"
    "$binary" serve --data-dir "$TOLLGATE_DATA_DIR" \
        --admin-listen "127.0.0.1:$admin_port" --proxy-listen "127.0.0.1:$proxy_port" \
        >"$TOLLGATE_LOG" 2>&1 &
    TOLLGATE_PID=$!
    for attempt in $(seq 1 120); do
        if ! kill -0 "$TOLLGATE_PID" 2>/dev/null; then
            echo "tollgate serve exited during start-up; its log:" >&2
            cat "$TOLLGATE_LOG" >&2
            TOLLGATE_PID=
            return 1
        fi
        if curl -fsS --max-time 2 -o /dev/null "$TOLLGATE_API/health" 2>/dev/null; then
            echo "tollgate serve is up at $TOLLGATE_API (pid $TOLLGATE_PID, after $attempt polls)"
            return 0
        fi
        sleep 0.5
    done
    echo "tollgate serve did not answer GET /health with 200 within 60 s; its log:" >&2
    cat "$TOLLGATE_LOG" >&2
    return 1
}

tollgate_token() {
    local binary=$1 role=${2:-ADMIN}
    "$binary" token --data-dir "$TOLLGATE_DATA_DIR" --role "$role" --ttl 1h
}

tollgate_stop() {
    if [[ -n ${TOLLGATE_PID:-} ]]; then
        kill "$TOLLGATE_PID" 2>/dev/null || true
        wait "$TOLLGATE_PID" 2>/dev/null || true
        TOLLGATE_PID=
    fi
}
