#!/usr/bin/env bash
# Contract check: starts `tollgate serve` on loopback ports and checks its answers against the
# OpenAPI document the server itself serves (GET /api/v1/gateway/openapi.json):
#   1. scripts/contract_scenario.py walks every operation through its success paths and main
#      errors, in an order that makes them succeed, checking status, media type, headers and body;
#   2. schemathesis generates requests from the document (valid and invalid ones) and checks that
#      every answer is documented (status, content type, headers, body schema) and none is a 5xx.
# Both run; the check fails when either finds a deviation.
#
# Environment:
#   CONTRACT_MAX_EXAMPLES  test cases per operation and phase (default 25)
#   CONTRACT_SEED          schemathesis seed (default 1, so runs are repeatable)
#   CONTRACT_VENV          where schemathesis is installed (default /tmp/tollgate-schemathesis-<version>)
#   CONTRACT_REPORT_DIR    when set, schemathesis writes a JUnit report there
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=scripts/lib/tollgate-server.sh
source scripts/lib/tollgate-server.sh

SCHEMATHESIS_VERSION=4.32.5
VENV=${CONTRACT_VENV:-/tmp/tollgate-schemathesis-$SCHEMATHESIS_VERSION}
MAX_EXAMPLES=${CONTRACT_MAX_EXAMPLES:-25}
SEED=${CONTRACT_SEED:-1}
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance

WORK_DIR=$(mktemp -d /tmp/tollgate-contract.XXXXXX)
cleanup() {
    tollgate_stop
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

echo "--- building tollgate"
swift build --product tollgate
BINARY="$(swift build --show-bin-path)/tollgate"

echo "--- installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
if [[ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != *"version $SCHEMATHESIS_VERSION" ]]; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$VENV/bin/schemathesis" --version

echo "--- starting tollgate serve"
tollgate_start "$BINARY" "$WORK_DIR"
TOKEN=$(tollgate_token "$BINARY")
VIEWER_TOKEN=$(tollgate_token "$BINARY" VIEWER)
if [[ -z $TOKEN || -z $VIEWER_TOKEN ]]; then
    echo "tollgate token printed nothing" >&2
    exit 1
fi

echo "--- scenario: every operation, success paths first"
scenario_status=0
"$VENV/bin/python" scripts/contract_scenario.py --api "$TOLLGATE_API" --token "$TOKEN" \
    --viewer-token "$VIEWER_TOKEN" || scenario_status=$?

report_options=()
if [[ -n ${CONTRACT_REPORT_DIR:-} ]]; then
    report_options=(--report junit --report-dir "$CONTRACT_REPORT_DIR")
fi

echo "--- schemathesis run ($MAX_EXAMPLES examples per operation, seed $SEED)"
schemathesis_status=0
"$VENV/bin/schemathesis" run "$TOLLGATE_API/openapi.json" \
    --url "$TOLLGATE_API" \
    --header "Authorization: Bearer $TOKEN" \
    --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" \
    --request-timeout 10 \
    --generation-database none \
    --no-color \
    "${report_options[@]}" || schemathesis_status=$?

if ((scenario_status != 0 || schemathesis_status != 0)); then
    echo "--- contract check FAILED (scenario exit status $scenario_status, schemathesis exit status" \
        "$schemathesis_status); server errors logged:" >&2
    grep -E ' (error|critical) ' "$TOLLGATE_LOG" | tail -n 20 >&2 || true
    exit 1
fi
echo "--- contract check passed"
