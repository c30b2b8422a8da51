# A wrong password: the HC3 answers 401; one error names the URL (never
# the password), the QuickApp goes on with its own device.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
qa=$PWD/lib/failing_qa.lua
cd "$TEST_TMP/work" || exit 1
sed -i 's/^HC3_PASSWORD=.*/HC3_PASSWORD=not-the-password/' .env
"$PLUA" "$qa" >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
grep -c not-the-password "$TEST_TMP/out"
check_no_secret "$TEST_TMP/out"
