"$PLUA" "$SCRIPT" > "$TEST_TMP/out" & pid=$!
until grep -q sleeping "$TEST_TMP/out" 2>/dev/null; do sleep 0.01; done
kill -INT $pid; wait $pid; echo "exit $?"; cat "$TEST_TMP/out"
