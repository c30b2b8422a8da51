--%%name:Scheduler
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
-- A scheduler: a heartbeat interval counts ticks, persists its counter
-- with internalStorageSet, one-shot jobs run through fibaro.setTimeout, a
-- cancelled job never fires, and everything is cleared at the end.
function QuickApp:onInit()
  self:debug("stored at start", tostring(self:internalStorageGet("ticks")))
  self:internalStorageSet("ticks", 0)
  self:internalStorageSet("config", { every = 100, jobs = { "water", "lights" } })
  local cfg = self:internalStorageGet("config")
  self:debug("config", cfg.every, table.concat(cfg.jobs, ","))

  self.ticks = 0
  self.heartbeat = setInterval(function() self:tick() end, cfg.every)

  fibaro.setTimeout(150, function() self:debug("job water at tick", self.ticks) end)
  local lights = fibaro.setTimeout(250, function() self:debug("job lights") end)
  local cancelled = fibaro.setTimeout(200, function() self:error("cancelled job ran!") end)
  clearTimeout(cancelled)
  self:debug("timer refs", type(lights), type(self.heartbeat))
end

function QuickApp:tick()
  self.ticks = self.ticks + 1
  self:internalStorageSet("ticks", self.ticks)
  self:debug("tick", self.ticks, "stored", self:internalStorageGet("ticks"))
  if self.ticks == 4 then
    clearInterval(self.heartbeat)
    self:debug("heartbeat stopped")
    self:internalStorageRemove("config")
    self:debug("config after remove", tostring(self:internalStorageGet("config")))
    self:internalStorageClear()
    self:debug("cleared", tostring(self:internalStorageGet("ticks")))
  end
end
