--%%name:Tcp
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%time:2026-11-23 23:21:51
-- net.TCPSocket and net.UDPSocket through the global `net` inside a
-- QuickApp (tcp_quickapp.cmd starts the echo server): a line protocol
-- with readUntil, callbacks as tasks in the QuickApp's log; the open but
-- idle socket does not keep the process alive.
local port = tonumber(os.getenv("TCP_PORT"))

function QuickApp:onInit()
  self:debug("net is", type(net.TCPSocket), type(net.UDPSocket), type(net.HTTPClient))
  self.sock = net.TCPSocket({ timeout = 2000 })
  self.sock:connect("127.0.0.1", port, {
    success = function()
      self:debug("connected")
      self:command("status")
    end,
    error = function(message) self:error("connect failed", message) end,
  })
  self:debug("connecting")
end

function QuickApp:command(name)
  self.sock:send(name .. "\n", {
    error = function(message) self:error("send failed", message) end,
  })
  self.sock:readUntil("\n", {
    success = function(line)
      self:debug("reply", line)
      if name == "status" then self:command("power on") end
    end,
    error = function(message) self:error("read failed", message) end,
  })
end
