# An HC3 that does not answer (nothing listens on its port): one error
# names the URL, the QuickApp goes on; the tools fail with exit code 1.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
kill "$FAKE_PID"
wait "$FAKE_PID" 2>/dev/null
qa=$PWD/lib/failing_qa.lua
cd "$TEST_TMP/work" || exit 1
"$PLUA" "$qa" >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
"$PLUA" -t list devices >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
"$PLUA" -o "$qa" >"$TEST_TMP/out" 2>&1
echo "offline: exit $?"
hc3_mask <"$TEST_TMP/out"
