"$PLUA" "$SCRIPT" | sed "s#$TEST_TMP#TMP#g"
