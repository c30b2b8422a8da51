# Chained HC3 requests (fibaro.* online and net.HTTPClient) with the API
# server listening: 1000 of each finish in well under the test's timeout;
# when a queued answer waited for libcurl's next 1 s timer they did not.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
qa=$PWD/lib/keepalive_qa.lua
cd "$TEST_TMP/work" || exit 1
API_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
auth="Basic $(printf 'admin:%s' "$HC3_SECRET" | base64)"
"$PLUA" --api-port "$API_PORT" --header "var:base=\"$HC3_BASE\"" --header "var:auth=\"$auth\"" "$qa" \
  >"$TEST_TMP/out" 2>&1
echo "exit $?"
hc3_mask <"$TEST_TMP/out"
check_no_secret "$TEST_TMP/out"
exit 0
