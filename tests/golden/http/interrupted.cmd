bash "$TOOLS_DIR/with_server.sh" "$PLUA" "$SCRIPT" exit; echo "os.exit: $?"
PLUA_PID_FILE=$TEST_TMP/pid bash "$TOOLS_DIR/with_server.sh" "$PLUA" "$SCRIPT" > "$TEST_TMP/out" & pid=$!
until [[ -s $TEST_TMP/pid ]] && grep -q "in flight" "$TEST_TMP/out" 2>/dev/null; do sleep 0.01; done
kill -INT "$(<"$TEST_TMP/pid")"; wait $pid; echo "SIGINT: $?"; cat "$TEST_TMP/out"
