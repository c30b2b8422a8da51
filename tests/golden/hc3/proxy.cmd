# --%%proxy: plua installs a proxy QuickApp on the (fake) HC3; the proxy's
# own code, run here by a second plua that plays the HC3, forwards actions
# and UI events to plua's API server; updateProperty/updateView come back
# to the proxy. Each step waits for the one before it (by what it left in
# the logs), never for a guessed time.
source "$TOOLS_DIR/fake_hc3.sh"
start_fake_hc3 || exit 1
lib=$PWD/lib
cd "$TEST_TMP/work" || exit 1
API_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
wait_for() { # wait_for COMMAND...: until it succeeds (at most 10 s)
  local tries=0
  until "$@"; do ((++tries > 1000)) && { echo "timed out: $*"; return 1; }; sleep 0.01; done
}
"$PLUA" --api-port "$API_PORT" --header "proxy_url:http://127.0.0.1:$API_PORT" "$lib/proxy_qa.lua" >"$TEST_TMP/qa" 2>&1 &
qa_pid=$!
wait_for curl -sf -o "$TEST_TMP/main.json" -u "admin:$HC3_SECRET" "$HC3_BASE/api/quickApp/1000/files/main"
wait_for curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/api/settings/info"
python3 -c 'import json,sys; print(json.load(sys.stdin)["content"], end="")' <"$TEST_TMP/main.json" >proxy_main.lua
drive() { # drive STEP [DRIVER HEADER...]
  local step=$1
  shift
  "$PLUA" -o --no-api --header "var:step=\"$step\"" "$@" "$lib/proxy_driver.lua" proxy_main.lua 2>&1 | hc3_mask |
    sed "s/:$API_PORT/:API_PORT/g"
}
# what plua told the proxy last: {HC3 child id: plua child id}
told() {
  curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/refreshStates?last=0" | python3 -c 'import json,sys
told = [e["data"]["args"][0] for e in json.load(sys.stdin)["events"]
        if e["type"] == "DeviceActionRanEvent" and e["data"]["actionName"] == "pluaChildren"]
print(told[-1] if told else "")'
}
told_any() { test -n "$(told)"; }
drive turnOn
views() { test "$(fake_log | grep -c updateView)" = "$1"; }
wait_for views 1
drive ui
wait_for views 2
drive uiaction
wait_for views 3
wait_for told_any
echo "plua told the proxy: $(told)"
children="var:children=$(told | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().strip()))')"
drive child --header "$children"
updates() { test "$(fake_log | grep -c updateProperty)" = "$1"; }
wait_for updates 2
drive childui --header "$children"
drive turnOff
wait $qa_pid
echo "--- plua's QuickApp (exit $?):"
hc3_mask <"$TEST_TMP/qa" | sed "s/:$API_PORT/:API_PORT/g"
echo "--- the proxy on the HC3:"
curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/devices/1000" | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d["properties"]
print(d["name"], d["type"], d["interfaces"], "value:", p["value"], "view:", d.get("view"))
print([c["callback"] for c in p["uiCallbacks"]], [[c["name"] for c in r["components"]] for r in p["uiView"]])'
proxy_children() {
  curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/devices?parentId=1000" | python3 -c 'import json,sys
kids = json.load(sys.stdin)
for d in kids: print("child", d["id"], d["name"], d["type"], d["interfaces"], "value:", d["properties"].get("value"))
print(len(kids), "children")'
}
proxy_children
# (the test's own reads of the proxy's code left out)
plua_log() { fake_log | grep -v -e "^GET /api/quickApp/1000/files/main$" -e "^GET /api/refreshStates?last=0$"; }
plua_log
seen=$(plua_log | wc -l)
echo "--- a second run updates the proxy (its code, UI and interfaces); its child takes the HC3's and removes it:"
"$PLUA" --api-port "$API_PORT" --header "proxy_url:http://127.0.0.1:$API_PORT" --header "var:stay=false" --header "var:drop=true" \
  --header 'interfaces:{"energy"}' "$lib/proxy_qa.lua" 2>&1 | hc3_mask | sed "s/:$API_PORT/:API_PORT/g"
plua_log | tail -n +$((seen + 1))
curl -s -u "admin:$HC3_SECRET" "$HC3_BASE/api/devices/1000" | python3 -c 'import json,sys; print(json.load(sys.stdin)["interfaces"])'
proxy_children
echo "--- offline there is no proxy:"
"$PLUA" -o --api-port "$API_PORT" --header "var:stay=false" "$lib/proxy_qa.lua" 2>&1 | hc3_mask
check_no_secret "$TEST_TMP/qa"
