# Online: a QuickApp reads and drives the fake HC3's devices, globals,
# rooms and events; its own device stays local. Then what the HC3 saw.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
qa=$PWD/lib/online_qa.lua
cd "$TEST_TMP/work" || exit 1
"$PLUA" "$qa" >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
echo "--- the HC3 saw:"
fake_log | sort -u
check_no_secret "$TEST_TMP/out"
