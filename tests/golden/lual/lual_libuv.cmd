"$PLUA" "$SCRIPT" && wc -l < "$TEST_TMP/libuv.log" && tail -1 "$TEST_TMP/libuv.log" | sed -E "s/^[0-9-]+ [0-9:]+ //"
