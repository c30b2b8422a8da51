-- libcurl is loaded on the first request, not at start-up: when it cannot
-- be (PLUA_LIBCURL names a library that does not exist), request() raises
-- an error that names the library and dlopen's reason, every time, and
-- the rest of the script runs on. The reason is matched loosely (.err).
local net = require("plua.net")
local http = net.HTTPClient({timeout = 1000})
print("loaded plua.net, made a client")

local function try()
  local ok, message = pcall(function()
    http:request("http://127.0.0.1:1/", {error = function() print("never called") end})
  end)
  print("request raised", not ok)
  io.stderr:write(message, "\n")
end

try()
try()
setTimeout(function() print("timers still run") end, 0)
