# The QuickApp's browser page (/qa/ID) in headless chromium
# (tests/browser/qa_page.js): its UI renders, each control calls the
# QuickApp through /api/plugins/callUIEvent with the HC3 event shape (select,
# multi-select too), the label and the choices update live.
export PLUA_TIME="2026-11-23 23:21:51"
source "$TOOLS_DIR/web_api.sh"
API_PORT=$(free_port)
start_qa lib/ui_qa.lua --api-port "$API_PORT" || exit 1
req GET /qa/7
curl -s -o /dev/null -w 'GET /qa/5555 -> %{http_code} %{content_type}\n' "http://127.0.0.1:$API_PORT/qa/5555"
# The screenshot goes to the build tree (SCREENSHOT_DIR, set by ctest).
shot=
[[ -n ${SCREENSHOT_DIR:-} ]] && mkdir -p "$SCREENSHOT_DIR" && shot=$SCREENSHOT_DIR/qa_page.png
node "$TOOLS_DIR/../browser/qa_page.js" "http://127.0.0.1:$API_PORT/qa/5555" $shot | sed '/^screenshot saved$/d'

stop_qa
