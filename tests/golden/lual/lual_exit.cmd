for backend in coroutines libuv; do
  echo "backend $backend"
  for mode in normal os.exit error; do
    log=$TEST_TMP/$mode-$backend.log
    "$PLUA" "$SCRIPT" $mode "$log" $backend 2>/dev/null
    echo "$mode: exit $? lines $(wc -l < "$log") last $(tail -c 11 "$log")"
  done
  for sig in TERM INT; do
    log=$TEST_TMP/$sig-$backend.log out=$TEST_TMP/$sig-$backend.out
    "$PLUA" "$SCRIPT" signal "$log" $backend > "$out" 2>/dev/null & pid=$!
    until grep -q ready "$out" 2>/dev/null; do sleep 0.01; done
    kill -$sig $pid; wait $pid
    echo "SIG$sig: exit $? lines $(wc -l < "$log") last $(tail -c 11 "$log")"
  done
done
for backend in coroutines libuv; do
  for sig in TERM INT; do
    log=$TEST_TMP/busy-$sig-$backend.log out=$TEST_TMP/busy-$sig-$backend.out
    "$PLUA" "$SCRIPT" busy "$log" $backend > "$out" 2> "$out.err" & pid=$!
    until grep -q ready "$out" 2>/dev/null; do sleep 0.01; done
    kill -$sig $pid; wait $pid; code=$?
    submitted=$(sed -n 's/^submitted //p' "$out.err")
    lines=$(wc -l < "$log")
    echo "busy $backend SIG$sig: exit $code, every submitted line written: $([[ $lines == "$submitted" && $lines -ge 100000 ]] && echo yes || echo "no ($lines of $submitted)")"
  done
done
