for mode in normal os.exit error; do
  "$PLUA" "$SCRIPT" $mode "$TEST_TMP/$mode.log" 2>/dev/null; echo "$mode: exit $? lines $(wc -l < "$TEST_TMP/$mode.log") last $(tail -c 11 "$TEST_TMP/$mode.log")"
done
"$PLUA" "$SCRIPT" signal "$TEST_TMP/signal.log" > "$TEST_TMP/out" 2>/dev/null & pid=$!
until grep -q ready "$TEST_TMP/out" 2>/dev/null; do sleep 0.01; done
kill -TERM $pid; wait $pid; echo "signal: exit $? lines $(wc -l < "$TEST_TMP/signal.log") last $(tail -c 11 "$TEST_TMP/signal.log")"
