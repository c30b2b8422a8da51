"$PLUA" "$SCRIPT" normal; echo "exit $?"
"$PLUA" "$SCRIPT" os.exit; echo "exit $?"
"$PLUA" "$SCRIPT" error 2>/dev/null; echo "exit $?"
"$PLUA" "$SCRIPT" signal > "$TEST_TMP/out" & pid=$!
until grep -q waiting "$TEST_TMP/out" 2>/dev/null; do sleep 0.01; done
kill -TERM $pid; wait $pid; echo "exit $?"; cat "$TEST_TMP/out"
