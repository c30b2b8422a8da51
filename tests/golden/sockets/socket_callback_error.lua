-- An error in a socket callback is reported like any task error, naming
-- the callback and where the operation was started; the others still
-- run; exit 1.
local net = require("plua.net")
local t = require("lib.sockets")

local sock = net.TCPSocket()
sock:connect("127.0.0.1", t.tcp_port, {
  success = function()
    sock:send("x", {success = function() print("sent") end})
    sock:read({
      success = function(data)
        print("read", data)
        local udp = net.UDPSocket({timeout = 50})
        udp:receive({
          error = function(message)
            print("receive", message)
            sock:send("y", {success = function() print("still running") end})
            error("boom in receive callback")
          end,
        })
        error("boom in read callback")
      end,
    })
  end,
})
