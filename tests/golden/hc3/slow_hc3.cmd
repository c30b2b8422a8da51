# A slow HC3: while plua waits for it, the QuickApp's other tasks run; a
# request that takes longer than PLUA_HC3_TIMEOUT fails with one error
# naming the URL, and the QuickApp goes on.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
cp lib/waiting_qa.lua "$TEST_TMP/work/" && cd "$TEST_TMP/work" || exit 1
fake POST /__fake/hang '{"seconds":0.3}'
"$PLUA" waiting_qa.lua >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
echo "--- slower than PLUA_HC3_TIMEOUT=100:"
fake POST /__fake/hang '{"seconds":1}'
PLUA_HC3_TIMEOUT=100 "$PLUA" "$OLDPWD/lib/failing_qa.lua" 2>&1 | hc3_mask
