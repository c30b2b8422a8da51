-- SIGINT (or os.exit) with requests in flight: they are cancelled, no
-- callback runs, nothing leaks (ASan/LSan tree), exit 130 (or os.exit's).
local net = require("plua.net")
local base = "http://127.0.0.1:" .. ...
local http = net.HTTPClient()
local mode = select(2, ...)

for _ = 1, 3 do
  http:request(base .. "/slow", {
    success = function() print("never") end,
    error = function(message) print("never", message) end,
  })
end
http:request(base .. "/ok", {
  success = function(response)
    print("in flight", response.status)
    io.stdout:flush()
    if mode == "exit" then os.exit(3) end
  end,
})
