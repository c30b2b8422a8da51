#!/usr/bin/env bash
# Used by the tests/golden/sockets .cmd files: starts $ECHO_SERVER, reads the
# TCP and UDP ports it prints, runs `plua SCRIPT [more arguments...]` with
# TCP_PORT, UDP_PORT and CLOSED_PORT (a TCP port nothing listens on) set,
# then ends the server by closing its stdin and exits with plua's exit code.
#   bash "$TOOLS_DIR/with_echo.sh" "$PLUA" "$SCRIPT" [more plua arguments...]
set -uo pipefail
plua=$1 script=$2
shift 2
: "${ECHO_SERVER:?ECHO_SERVER must name the echo_server binary}"

coproc SERVER { exec "$ECHO_SERVER" 2>"${TEST_TMP:-/tmp}/echo.err"; }
server_pid=$SERVER_PID
if ! read -r tcp_port udp_port <&"${SERVER[0]}"; then
  echo "with_echo.sh: the echo server did not start" >&2
  exit 99
fi
closed_port=$("$ECHO_SERVER" --closed-port)
# PLUA_OPTIONS (word-split) go before the script: --run-for 0.2 ...
# shellcheck disable=SC2086
TCP_PORT=$tcp_port UDP_PORT=$udp_port CLOSED_PORT=$closed_port "$plua" ${PLUA_OPTIONS:-} "$script" "$@"
code=$?
# Closing its stdin stops the server.
eval "exec ${SERVER[1]}>&-"
wait "$server_pid" 2>/dev/null
exit $code
