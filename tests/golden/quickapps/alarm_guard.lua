--%%name:AlarmGuard
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
-- An alarm-aware QuickApp: sets up a partition with a motion sensor,
-- follows the refresh-state events and reacts to a breach by switching on
-- a siren device and disarming after the "alarm" is handled.
function QuickApp:onInit()
  self.sensor = api.post("/devices", { name = "Hall PIR", type = "com.fibaro.motionSensor" })
  self.siren = api.post("/devices", { name = "Siren", type = "com.fibaro.binarySwitch" })
  self:debug("devices", self.sensor.type, self.siren.type, tostring(fibaro.getValue(self.sensor.id, "value")))
  local part, code = api.post("/alarms/v1/partitions", { name = "Ground floor", devices = { self.sensor.id } })
  self.partition = part.id
  self:debug("partition", code, part.name, json.encode(part.devices), tostring(part.armed))

  self.refresh = RefreshStateSubscriber()
  self.refresh:subscribe(function(e) return e.type == "AlarmPartitionArmedEvent" end, function(e)
    self:debug("armed event", e.data.partitionId, tostring(e.data.armed))
    if e.data.armed then self:intruder() end
  end)
  self.refresh:subscribe(function(e) return e.type == "AlarmPartitionBreachedEvent" end, function(e)
    self:warning("BREACH in partition", e.data.partitionId, tostring(e.data.breached))
    if e.data.breached then self:onBreach() end
  end)
  self.refresh:run()
  self:debug("arming")
  fibaro.alarm(self.partition, "arm")
end

function QuickApp:intruder()
  self:debug("state", fibaro.getPartitionArmState(self.partition), tostring(fibaro.isPartitionBreached(self.partition)))
  -- someone walks into the hall
  fibaro.setTimeout(20, function()
    api.put("/devices/" .. self.sensor.id, { properties = { value = true } })
  end)
end

function QuickApp:onBreach()
  if self.handled then return end
  self.handled = true
  fibaro.call(self.siren.id, "turnOn")
  fibaro.setTimeout(20, function()
    self:debug("siren on", tostring(fibaro.getValue(self.siren.id, "value")),
      "breached list", json.encode(api.get("/alarms/v1/partitions/breached")))
    fibaro.alarm(self.partition, "disarm")
    fibaro.setTimeout(20, function()
      self:debug("after disarm", fibaro.getPartitionArmState(self.partition),
        tostring(fibaro.isPartitionBreached(self.partition)), fibaro.getHomeArmState())
      self.refresh:stop()
    end)
  end)
end
