# The summary of a stopped run names the open WebSocket connection.
cat > "$TEST_TMP/run.sh" <<'SH'
"$PLUA" -e 'net = require("plua.net")' "$SCRIPT" > "$TEST_TMP/out" 2>&1 &
pid=$!
for ((i = 0; i < 1000; i++)); do grep -q connected "$TEST_TMP/out" 2>/dev/null && break; sleep 0.01; done
kill -TERM "$pid"
wait "$pid"
echo "exit $?"
cat "$TEST_TMP/out"
SH
bash "$TOOLS_DIR/with_ws_echo.sh" bash "$TEST_TMP/run.sh"
