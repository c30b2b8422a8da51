#!/usr/bin/env bash
# Used by the tests/golden/websocket .cmd files: makes a self-signed
# certificate for localhost and 127.0.0.1 (openssl, in $TEST_TMP), starts
# $WS_ECHO_SERVER with it, reads the ports it prints and runs
# `plua [arguments...]` with WS_PORT, WSS_PORT, WS_CERT (the certificate's
# PEM file) and CLOSED_PORT (a TCP port nothing listens on) set; then ends
# the server by closing its stdin and exits with plua's exit code.
#   bash "$TOOLS_DIR/with_ws_echo.sh" "$PLUA" [plua arguments...]
set -uo pipefail
plua=$1
shift
: "${WS_ECHO_SERVER:?WS_ECHO_SERVER must name the ws_echo_server binary}"
: "${ECHO_SERVER:?ECHO_SERVER must name the echo_server binary (for --closed-port)}"
dir=${TEST_TMP:-$(mktemp -d)}

if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/ws_key.pem" -out "$dir/ws_cert.pem" 2>"$dir/openssl.err"; then
  echo "with_ws_echo.sh: openssl cannot make a certificate:" >&2
  cat "$dir/openssl.err" >&2
  exit 99
fi

coproc SERVER { exec "$WS_ECHO_SERVER" --cert "$dir/ws_cert.pem" --key "$dir/ws_key.pem" 2>"$dir/ws_echo.err"; }
server_pid=$SERVER_PID
if ! read -r ws_port wss_port <&"${SERVER[0]}"; then
  echo "with_ws_echo.sh: the echo server did not start" >&2
  cat "$dir/ws_echo.err" >&2
  exit 99
fi
closed_port=$("$ECHO_SERVER" --closed-port)
WS_PORT=$ws_port WSS_PORT=$wss_port WS_CERT=$dir/ws_cert.pem CLOSED_PORT=$closed_port "$plua" "$@"
code=$?
# Closing its stdin stops the server.
eval "exec ${SERVER[1]}>&-"
wait "$server_pid" 2>/dev/null
exit $code
