-- Real I/O in flight holds the virtual clock: the request to /slow takes
-- real time, yet no virtual time passes while it runs, so the response
-- comes before a timer due 10 virtual ms later; then time jumps again.
local net = require("plua.net")
local base = "http://127.0.0.1:" .. assert(..., "port argument")
local t0 = _PY.milli_time()
local function at(what) print(what, _PY.milli_time() - t0) end
setTimeout(function() at("timer 10 ms") end, 10)
setTimeout(function() at("timer 1 h") end, 3600 * 1000)
net.HTTPClient():request(base .. "/slow", {
  success = function(response)
    at("response " .. response.data)
    -- A request made later holds the clock too.
    setTimeout(function()
      net.HTTPClient():request(base .. "/ok", {
        success = function(r) at("second response " .. r.data) end,
        error = function(message) print("error", message) end,
      })
      setTimeout(function() at("after the second") end, 0)
    end, 20 * 1000)
  end,
  error = function(message) print("error", message) end,
})
