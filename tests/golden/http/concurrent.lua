-- 50 requests in flight at once: every one completes, each with its own
-- body, and the process ends after the last callback.
local net = require("plua.net")
local base = "http://127.0.0.1:" .. assert(..., "port argument")
local http = net.HTTPClient()

local total, done, matched = 50, 0, 0
for i = 1, total do
  http:request(base .. "/echo", {
    options = {method = "POST", data = "request " .. i},
    success = function(response)
      done = done + 1
      if response.status == 200 and response.data:match("body=(.*)$") == "request " .. i then matched = matched + 1 end
      if done == total then print(("%d of %d completed, %d bodies matched"):format(done, total, matched)) end
    end,
    error = function(message) print("error", message) end,
  })
end
print("started " .. total)
