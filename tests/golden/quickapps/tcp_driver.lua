--%%name:AmpDriver
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- A TCP driver for an amplifier with a line protocol. The amplifier is
-- "off the network" (closed port): connect fails, the driver retries a few
-- times with a back-off and then gives up and marks itself dead.
local HOST, PORT = "127.0.0.1", 9
local MAX_RETRIES = 3

function QuickApp:onInit()
  self.retries = 0
  self.queue = { "PWR?\r", "VOL?\r" }
  self.sock = net.TCPSocket({ timeout = 500 })
  self:connect()
end

function QuickApp:connect()
  self:debug("connecting to", HOST .. ":" .. PORT, "attempt", self.retries + 1)
  self.sock:connect(HOST, PORT, {
    success = function()
      self:debug("connected")
      self:sendNext()
    end,
    error = function(err)
      self:warning("connect failed:", type(err) == "string" and #err > 0)
      self.sock:close()
      self.retries = self.retries + 1
      if self.retries < MAX_RETRIES then
        local delay = 50 * self.retries
        self:debug("retrying in", delay, "ms")
        fibaro.setTimeout(delay, function() self:connect() end)
      else
        self:giveUp()
      end
    end,
  })
end

function QuickApp:sendNext()
  local cmd = table.remove(self.queue, 1)
  if not cmd then return end
  self.sock:write(cmd, {
    success = function()
      self.sock:read({
        success = function(data) self:debug("reply", data) self:sendNext() end,
        error = function(err) self:error("read failed", err) end,
      })
    end,
    error = function(err) self:error("write failed", err) end,
  })
end

function QuickApp:giveUp()
  self:error("amplifier unreachable after", self.retries, "attempts")
  self:updateProperty("dead", true)
  self:updateView("status", "text", "Offline")
  self:debug("dead =", tostring(fibaro.getValue(self.id, "dead")), "queued", #self.queue)
end
