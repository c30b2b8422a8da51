"$PLUA" --run-for 0 "$SCRIPT" > "$TEST_TMP/out" & pid=$!
until grep -q running "$TEST_TMP/out" 2>/dev/null; do sleep 0.01; done
kill -TERM $pid; wait $pid; echo "exit $?"; cat "$TEST_TMP/out"
