# SIGTERM while serving, with a WebSocket client connected: the run ends
# as any (143, the pending timer named), the client sees its connection close.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/waiting_qa.lua --api-port "$API_PORT" || exit 1
node --experimental-websocket "$TOOLS_DIR/ws_events.js" "ws://127.0.0.1:$API_PORT/api/events" never >"$TEST_TMP/ws.out" 2>&1 &
ws=$!
for ((i = 0; i < 500; i++)); do grep -q open "$TEST_TMP/ws.out" 2>/dev/null && break; sleep 0.01; done
req GET /api/devices/5555/properties/value
kill -TERM "$QA_PID"
wait "$QA_PID"
echo "--- the QuickApp (exit $?)"
cat "$TEST_TMP/qa.out"
wait "$ws"
echo "--- the client (exit $?)"
cat "$TEST_TMP/ws.out"
