--%%name:Types
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
--%%file:lib/device_report.lua,report
-- The HC3 device types (stdlib/fibaro/device_types.lua), a sample of every
-- family: createChildDevice and api.post("/devices") accept each one, and
-- the model gives it the HC3's baseType, default properties and actions;
-- an unknown type is refused. (device_types.cmd also runs each sample type
-- as a `--%%type` header.)
local SAMPLE = {
  "com.fibaro.genericDevice", "com.fibaro.deviceController",
  "com.fibaro.binarySwitch", "com.fibaro.multilevelSwitch", "com.fibaro.colorController", "com.fibaro.FGWP102",
  "com.fibaro.rollerShutter", "com.fibaro.windowCovering", "com.fibaro.baseShutter",
  "com.fibaro.remoteController", "com.fibaro.remoteSceneController",
  "com.fibaro.motionSensor", "com.fibaro.doorSensor", "com.fibaro.windowSensor", "com.fibaro.binarySensor",
  "com.fibaro.floodSensor", "com.fibaro.waterLeakSensor", "com.fibaro.smokeSensor", "com.fibaro.coDetector",
  "com.fibaro.gasDetector", "com.fibaro.fireDetector", "com.fibaro.heatDetector", "com.fibaro.rainDetector",
  "com.fibaro.multilevelSensor", "com.fibaro.temperatureSensor", "com.fibaro.humiditySensor",
  "com.fibaro.lightSensor", "com.fibaro.windSensor", "com.fibaro.rainSensor", "com.fibaro.seismometer",
  "com.fibaro.powerSensor", "com.fibaro.accelerometer",
  "com.fibaro.energyMeter", "com.fibaro.powerMeter", "com.fibaro.gasMeter", "com.fibaro.waterMeter",
  "com.fibaro.hvacSystemHeat", "com.fibaro.hvacSystemCool", "com.fibaro.hvacSystemAuto",
  "com.fibaro.hvacSystemHeatCool", "com.fibaro.thermostat", "com.fibaro.thermostatHeat",
  "com.fibaro.thermostatSetpointHeatCool",
  "com.fibaro.alarmPartition", "com.fibaro.doorLock", "com.fibaro.ipCamera", "com.fibaro.videoGate",
  "com.fibaro.player", "com.fibaro.sonosSpeaker",
  "com.fibaro.weather",
  "com.fibaro.husqvarnaMower",
}

-- api.post answers nil and the status for a refused request, as the box;
-- the REST API's error body (what the server would send) says why.
local router = require("plua.fibaro.api.router")
local function post(body)
  local res, status = api.post("/devices", body)
  if res == nil then res = router.dispatch("POST", "/devices", body) end
  return status, type(res) == "table" and (res.message or res.id) or tostring(res)
end

function QuickApp:onInit()
  print("main", DeviceReport.line(self.id))
  for _, t in ipairs(SAMPLE) do
    local child = self:createChildDevice({ name = "child", type = t })
    local line = DeviceReport.line(child.id)
    print(line)
    local res, status = api.post("/devices", { name = "posted", type = t })
    local same = status == 201 and DeviceReport.line(res.id) == line
    if not same then print("  api.post differs:", status, status == 201 and DeviceReport.line(res.id) or "") end
  end

  print("-- what a QuickApp passes wins over the type's defaults")
  local f = self:createChildDevice({ name = "F", type = "com.fibaro.temperatureSensor",
    initialProperties = { unit = "F", value = 70 } })
  print(DeviceReport.line(f.id))
  local _, status = api.post("/devices", { name = "P", type = "com.fibaro.energyMeter",
    properties = { unit = "Wh", rateType = "production" }, roomID = 7, enabled = false })
  local posted = api.get("/devices?name=P")[1]
  print(status, DeviceReport.line(posted.id), posted.roomID, posted.enabled, json.encode(posted.interfaces))

  print("-- each device has its own copy of the defaults")
  local model = require("plua.fibaro.model")
  local types = require("plua.fibaro.device_types")
  local a = self:createChildDevice({ name = "A", type = "com.fibaro.hvacSystemAuto" })
  local b = self:createChildDevice({ name = "B", type = "com.fibaro.hvacSystemAuto" })
  local pa, pb = model.devices[a.id].properties, model.devices[b.id].properties
  print(pa.supportedThermostatModes ~= pb.supportedThermostatModes,
    pa.supportedThermostatModes ~= types["com.fibaro.hvacSystemAuto"].properties.supportedThermostatModes,
    pa.heatingThermostatSetpointStep ~= pb.heatingThermostatSetpointStep,
    model.devices[a.id].actions ~= types["com.fibaro.hvacSystemAuto"].actions)
  local acc = self:createChildDevice({ name = "Acc", type = "com.fibaro.accelerometer" })
  print(model.devices[acc.id].properties.value ~= types["com.fibaro.accelerometer"].value)

  print("-- a device api.post creates with parentId is a child initChildDevices finds")
  local res, st = api.post("/devices", { name = "Kid", type = "com.fibaro.binarySwitch", parentId = self.id,
    interfaces = { "light" } })
  print(st, res.parentId == self.id, json.encode(res.interfaces))
  self:initChildDevices()
  print(self.childDevices[res.id] ~= nil, self.childDevices[res.id] and self.childDevices[res.id].name)

  print("-- unknown types and bad bodies are refused")
  print(pcall(self.createChildDevice, self, { name = "X", type = "com.fibaro.toaster" }))
  print(post({ name = "X", type = "com.fibaro.toaster" }))
  print(post({ name = "X", type = "toaster" }))
  print(post({ name = "X" }))
  print(post({ name = "X", type = 42 }))
  print(post({ type = "com.fibaro.binarySwitch" }))
  print(post({ name = "", type = "com.fibaro.binarySwitch" }))
  print(post({ name = "X", type = "com.fibaro.binarySwitch", parentId = 99999 }))
  print(post({ name = "X", type = "com.fibaro.binarySwitch", interfaces = "light" }))
  print(post({ name = "X", type = "com.fibaro.binarySwitch", properties = { value = 0 / 0 } }))
  print(post('{"name":"J","type":"com.fibaro.binarySwitch"}'))
  print(select(2, api.post("/devices", "not json")))
  print(select(2, api.post("/devices")))
  local n = #api.get("/devices?type=com.fibaro.toaster")
  print("toasters:", n)
end
