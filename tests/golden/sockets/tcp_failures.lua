-- net.TCPSocket failures reach the error callback with a clear message:
-- refused connection, unknown host, read timeout, operations before
-- connect and after close, a second connect. Then the process exits by
-- the normal rule although a socket is still open.
local net = require("plua.net")
local t = require("lib.sockets")

t.run(function()
  local sock = net.TCPSocket({timeout = 5000})
  t.show("refused", t.call(sock, "connect", "127.0.0.1", t.closed_port))
  -- On stderr, matched loosely (.err): a resolver that cannot answer at
  -- all times out instead.
  io.stderr:write("unknown host: ", select(2, t.call(sock, "connect", "nonexistent.invalid", 80)), "\n")
  t.show("read first", t.call(sock, "read"))
  t.show("send first", t.call(sock, "send", "x"))
  t.show("connect after failures", t.call(sock, "connect", "localhost", t.tcp_port))
  t.show("connect twice", t.call(sock, "connect", "127.0.0.1", t.tcp_port))
  t.show("echo", t.call(sock, "send", "ping"), t.call(sock, "read"))
  sock:close()
  t.show("send after close", t.call(sock, "send", "x"))
  t.show("read after close", t.call(sock, "readUntil", "\n"))
  t.show("connect after close", t.call(sock, "connect", "127.0.0.1", t.tcp_port))

  local slow = net.TCPSocket({timeout = 100})
  t.show("connect", t.call(slow, "connect", "127.0.0.1", t.tcp_port))
  t.show("read timeout", t.call(slow, "read"))
  t.show("readUntil timeout", t.call(slow, "readUntil", "\n"))
  t.show("still usable", t.call(slow, "send", "again\n"), t.call(slow, "readUntil", "\n"))

  -- Pending operations fail when the socket is closed under them.
  local open = net.TCPSocket()
  t.show("connect", t.call(open, "connect", "127.0.0.1", t.tcp_port))
  open:read({error = function(message) print("pending read", message) end})
  open:readUntil("\n", {error = function(message) print("pending readUntil", message) end})
  open:close()
  print("closed with reads pending", _PY.getPendingCallbackCount())
  t.show("callback-less", t.call(slow, "send", "x"))

  -- An idle open socket is not user work: the process ends after this.
  idle = net.TCPSocket()
  t.show("idle connect", t.call(idle, "connect", "127.0.0.1", t.tcp_port))
  print("done", _PY.getPendingCallbackCount())
end)
