# The web UI's front page (/) in headless chromium (tests/browser/index_page.js):
# every QuickApp of the run (a child after its parent) with its value and a link to its page, the
# global variables and the event log, updated live.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/index_lamp.lua --fibaro --api-port "$API_PORT" lib/index_hub.lua || exit 1
curl -s -o /dev/null -w 'GET / -> %{http_code} %{content_type}\n' "http://127.0.0.1:$API_PORT/"
curl -s -o "$TEST_TMP/child.html" -w 'GET /qa/5557 (a child) -> %{http_code}\n' "http://127.0.0.1:$API_PORT/qa/5557"
grep -o 'const tag = "[A-Z0-9]*"' "$TEST_TMP/child.html"
node "$TOOLS_DIR/../browser/index_page.js" "http://127.0.0.1:$API_PORT"
stop_qa
