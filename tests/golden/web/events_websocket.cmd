# /api/events: every controller event as a JSON text frame to each
# WebSocket client (node 20's WebSocket); a WebSocket elsewhere is refused.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
ws() { node --experimental-websocket "$TOOLS_DIR/ws_events.js" "ws://127.0.0.1:$API_PORT$1" "$2"; }
ws /api/events '"stop"' >"$TEST_TMP/ws1.out" 2>&1 &
ws1=$!
ws /api/events '"G2"' >"$TEST_TMP/ws2.out" 2>&1 &
ws2=$!
for f in ws1 ws2; do
  for ((i = 0; i < 500; i++)); do grep -q open "$TEST_TMP/$f.out" 2>/dev/null && break; sleep 0.01; done
done
req POST /api/devices/5555/action/turnOn -d '{"args":[]}'
req POST /api/globalVariables -d '{"name":"G2","value":"1"}'
wait "$ws2"
echo "--- client 2 (exit $?)"
cat "$TEST_TMP/ws2.out"
echo "--- a WebSocket on another path"
ws /api/devices x
stop_qa
wait "$ws1"
echo "--- client 1 (exit $?)"
cat "$TEST_TMP/ws1.out"
