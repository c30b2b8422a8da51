cp "$SCRIPT" "$TEST_TMP/s.lua"; chmod +x "$TEST_TMP/s.lua"; mkdir "$TEST_TMP/bin"; ln -s "$PLUA" "$TEST_TMP/bin/plua"; PATH="$TEST_TMP/bin:$PATH" "$TEST_TMP/s.lua"
