--%%name:Alarm
--%%type:com.fibaro.alarmPartition
--%%time:2026-11-23 12:00:00
-- The offline alarm panel (partitions armed, disarmed and breached by
-- their devices) and RefreshStateSubscriber following the events.
function QuickApp:onInit()
  local sensor = api.post("/devices", { name = "Door", type = "com.fibaro.doorSensor" })
  local refresh = RefreshStateSubscriber()
  local seen = {}
  refresh:subscribe(function(e) return e.type:match("^Alarm") or e.type:match("^Home") end, function(e)
    print("event", e.type, json.encode(e.data))
  end)
  local all = refresh:subscribe(function() return true end, function(e) seen[#seen + 1] = e.type end)
  refresh:run()
  local p, status = api.post("/alarms/v1/partitions", { name = "House", devices = { sensor.id } })
  print("created", status, p.id, p.name, p.armed, p.breached)
  print("bad", api.post("/alarms/v1/partitions", { devices = "x" }))
  api.post("/alarms/v1/partitions", { name = "Garage", devices = {} })
  print("state", fibaro.getHomeArmState(), fibaro.getPartitionArmState(1), fibaro.isHomeBreached())
  fibaro.alarm(1, "arm")
  print("state", fibaro.getHomeArmState(), fibaro.getPartitionArmState(1), fibaro.getPartitionArmState(2))
  fibaro.call(sensor.id, "turnOn") -- a door sensor has no turnOn: warned
  api.put("/devices/" .. sensor.id, { properties = { value = true } }) -- the door opens
  print("breached", fibaro.isHomeBreached(), fibaro.isPartitionBreached(1), fibaro.isPartitionBreached(2),
    json.encode(api.get("/alarms/v1/partitions/breached")))
  print("devices", json.encode(api.get("/alarms/v1/devices")))
  fibaro.alarm("arm")
  print("state", fibaro.getHomeArmState())
  fibaro.alarm("disarm")
  print("state", fibaro.getHomeArmState(), fibaro.isHomeBreached())
  print("tryArm", select(2, api.post("/alarms/v1/partitions/1/actions/tryArm")))
  print("bad action", pcall(fibaro.alarm, 1, "explode"))
  print("missing", fibaro.getPartition(9), select(2, api.post("/alarms/v1/partitions/9/actions/arm")))
  print("partitions", #fibaro.getPartitions(), fibaro.getPartition(2).name)
  setTimeout(function()
    refresh:unsubscribe(all)
    print("kinds seen", #seen > 0)
    refresh:stop()
    fibaro.alarm(2, "arm") -- after stop(): no event line
    setTimeout(function() print("done", fibaro.getPartitionArmState(2)) end, 10)
  end, 10)
end
