-- net.UDPSocket against the echo server (with_echo.sh): sendTo, then
-- receive the datagram it sends back with the sender's address; a receive
-- with nothing coming times out; closing fails what is pending.
local net = require("plua.net")
local t = require("lib.sockets")

t.run(function()
  local udp = net.UDPSocket({timeout = 2000})
  t.show("sendTo", t.call(udp, "sendTo", "ping", "127.0.0.1", t.udp_port))
  t.show("receive", t.call(udp, "receive"))
  -- Two datagrams come back as two receives, in order.
  udp:sendTo("one", "127.0.0.1", t.udp_port)
  udp:sendTo("two", "localhost", t.udp_port)  -- resolved first: sent after "one"
  t.show("receive", t.call(udp, "receive"))
  t.show("receive", t.call(udp, "receive"))
  t.show("empty datagram", t.call(udp, "sendTo", "", "127.0.0.1", t.udp_port), t.call(udp, "receive"))
  udp:close()
  t.show("sendTo after close", t.call(udp, "sendTo", "x", "127.0.0.1", t.udp_port))
  t.show("receive after close", t.call(udp, "receive"))

  local quiet = net.UDPSocket({timeout = 100, broadcast = true})
  t.show("receive timeout", t.call(quiet, "receive"))
  t.show("broadcast socket", t.call(quiet, "sendTo", "x", "127.0.0.1", t.udp_port), t.call(quiet, "receive"))
  quiet:receive({error = function(message) print("pending receive", message) end})
  quiet:close()

  local plain = net.UDPSocket()
  t.show("unknown host", t.call(plain, "sendTo", "x", "nonexistent.invalid", 9):match("^error"))
  print("done", _PY.getPendingCallbackCount())
end)
