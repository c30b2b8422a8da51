-- wrk script for the web_api benchmark: every request is the HC3's
-- POST /api/devices/ID/action/NAME with {"args":[]} (wrk's own Lua).
wrk.method = "POST"
wrk.body = '{"args":[]}'
wrk.headers["Content-Type"] = "application/json"
