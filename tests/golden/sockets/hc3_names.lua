-- The HC3's names for net.*: tcp:write (send's other name, the one the HC3
-- documents) against the echo server, and udp:bind(ip, port): a listener
-- on a fixed local port that another socket sends to, and back.
local net = require("plua.net")
local tcp_port = tonumber(os.getenv("TCP_PORT"))

local function tcp_part()
  local tcp = net.TCPSocket({ timeout = 2000 })
  tcp:connect("127.0.0.1", tcp_port, {
    success = function()
      tcp:write("written", { success = function() print("tcp write ok") end })
      tcp:read({ success = function(data)
        print("tcp read", data)
        tcp:close()
      end })
    end,
  })
end

-- a free port: the first of a few candidates that binds
local listener = net.UDPSocket({ timeout = 2000 })
local port
for candidate = 47810, 47890 do
  if pcall(listener.bind, listener, "127.0.0.1", candidate) then
    port = candidate
    break
  end
end
print("bound", port ~= nil)
print("bind twice", pcall(listener.bind, listener, "127.0.0.1", port))
print("bind a name", pcall(net.UDPSocket().bind, net.UDPSocket(), "localhost", 1234))
print("bind bad port", pcall(listener.bind, listener, "127.0.0.1", 70000))
print("bind no port", pcall(listener.bind, listener, "127.0.0.1"))

local sender = net.UDPSocket({ timeout = 2000 })
listener:receive({
  success = function(data, ip, from)
    print("listener got", data, ip, from ~= port)
    listener:sendTo("pong", ip, from, { success = function() print("listener answered") end })
  end,
  error = function(message) print("listener error", message) end,
})
sender:sendTo("ping", "127.0.0.1", port, {
  success = function()
    sender:receive({ success = function(data, ip, from)
      print("sender got", data, ip, from == port)
      sender:close()
      listener:close()
      print("bind closed", pcall(listener.bind, listener, "127.0.0.1", port))
      tcp_part()
    end })
  end,
})
