--%%name:SelfHealer
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
-- A self-healing QuickApp: when its worker fails too often it restarts
-- itself with plugin.restart(); a counter kept in internal storage survives
-- the restart and stops the loop after the second boot.
function QuickApp:onInit()
  local boots = (self:internalStorageGet("boots") or 0) + 1
  self:internalStorageSet("boots", boots)
  self:debug("boot", boots, "plugin.mainDeviceId", plugin.mainDeviceId, plugin.mainDeviceId == self.id)
  self.failures = 0
  self.worker = setInterval(function() self:work(boots) end, 20)
end

function QuickApp:work(boots)
  local ok, err = pcall(function()
    if boots == 1 then error("sensor bus stuck", 0) end
    return true
  end)
  if ok then
    self:debug("work ok on boot", boots)
    clearInterval(self.worker)
    self:internalStorageRemove("boots")
    return
  end
  self.failures = self.failures + 1
  self:warning("work failed:", err, self.failures)
  if self.failures == 3 then
    clearInterval(self.worker)
    self:error("too many failures, restarting")
    plugin.restart()
  end
end
