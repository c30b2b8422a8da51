-- Socket lifetimes: an object with an operation pending stays alive
-- without a reference from the script; idle ones are collected and close
-- their handles; at exit (normal, os.exit or a stop) whatever is pending
-- is dropped without a callback and nothing leaks (ASan/LSan tree).
local net = require("plua.net")
local t = require("lib.sockets")
local mode = ...

-- Unreferenced but busy: the receive stays pending until the end.
net.UDPSocket():receive({
  success = function() print("never") end,
  error = function(message) print("never", message) end,
})
-- Unreferenced and idle: collected.
for _ = 1, 100 do
  net.TCPSocket()
  net.UDPSocket()
end
collectgarbage()
collectgarbage()

-- Unreferenced but busy: connect's callback still comes.
net.TCPSocket():connect("127.0.0.1", t.tcp_port, {
  success = function()
    print("anchored socket connected", _PY.getPendingCallbackCount())
    local connected = net.TCPSocket()
    connected:connect("127.0.0.1", t.tcp_port, {
      success = function()
        -- A read nothing answers: the process waits for it, until exit or a stop.
        connected:read({
          success = function(data) print("never", data) end,
          error = function(message) print("never", message) end,
        })
        connected = nil
        collectgarbage()
        collectgarbage()
        print("reading", _PY.getPendingCallbackCount(), _PY.stats().requests)
        io.stdout:flush()
        if mode == "exit" then os.exit(3) end
      end,
    })
  end,
})
collectgarbage()
collectgarbage()
