-- An in-flight request is user work: with no timer at all the process
-- waits for the response (3 s for /slow), runs the callbacks, requests
-- made from callbacks included, then exits 0 by the normal rule.
local net = require("plua.net")
local base = "http://127.0.0.1:" .. ...
local http = net.HTTPClient()

http:request(base .. "/slow", {
  success = function(response)
    print("slow", response.status, response.data)
    http:request(base .. "/ok", {
      success = function(r) print("then", r.status, r.data, _PY.getPendingCallbackCount()) end,
    })
  end,
})
-- Neither success nor error: still waited for.
http:request(base .. "/echo", {options = {method = "POST", data = "fire and forget"}})
http:request(base .. "/ok")
-- Requests in flight count as pending callbacks, and _PY.stats() names them.
print("main chunk done", _PY.getPendingCallbackCount(), _PY.stats().requests)
