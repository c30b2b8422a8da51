#!/usr/bin/env bash
# Used by the tests/golden/http .cmd files: starts $HTTP_TEST_SERVER, reads the
# port it prints, runs `plua SCRIPT PORT` (with HTTP_PORT set too, and
# HTTP_CLOSED_PORT: a port nothing listens on), then ends the server by
# closing its stdin and exits with plua's exit code. PLUA_PID_FILE, if
# set, receives plua's process id (for signal tests).
#   bash "$TOOLS_DIR/with_server.sh" "$PLUA" "$SCRIPT" [more plua arguments...]
set -uo pipefail
plua=$1 script=$2
shift 2
: "${HTTP_TEST_SERVER:?HTTP_TEST_SERVER must name the http_test_server binary}"

coproc SERVER { exec "$HTTP_TEST_SERVER" 2>"${TEST_TMP:-/tmp}/server.err"; }
server_pid=$SERVER_PID
if ! read -r port <&"${SERVER[0]}"; then
  echo "with_server.sh: the test server did not start" >&2
  exit 99
fi
closed_port=$("$HTTP_TEST_SERVER" --closed-port)
HTTP_PORT=$port HTTP_CLOSED_PORT=$closed_port "$plua" "$script" "$port" "$@" &
plua_pid=$!
[[ -n ${PLUA_PID_FILE:-} ]] && echo "$plua_pid" >"$PLUA_PID_FILE"
wait "$plua_pid"
code=$?
# Closing its stdin stops the server.
eval "exec ${SERVER[1]}>&-"
wait "$server_pid" 2>/dev/null
exit $code
