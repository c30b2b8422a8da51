--%%name:DeviceLib
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
-- A library-style QuickApp leaning on the HC3's own built-in helpers
-- (the __fibaro_* functions fibaro.lua is written with) to build an
-- inventory of lights and sensors.
local Lib = {}

function Lib.check(v, t) __assert_type(v, t) return v end

function Lib.describe(id)
  local d = __fibaro_get_device(id)
  if not d then return "no device " .. tostring(id) end
  local value = __fibaro_get_device_property(id, "value")
  return string.format("%d:%s(%s)=%s", d.id, d.name, d.type, tostring(value and value.value))
end

function QuickApp:onInit()
  self:debug("self is", type(self), "quickApp global", type(quickApp))
  local ids = {}
  for _, spec in ipairs({ { "Desk lamp", "com.fibaro.binarySwitch" }, { "Ceiling", "com.fibaro.multilevelSwitch" },
    { "Porch lamp", "com.fibaro.binarySwitch" }, { "Garage PIR", "com.fibaro.motionSensor" } }) do
    local d = api.post("/devices", { name = spec[1], type = spec[2] })
    ids[#ids + 1] = Lib.check(d.id, "number")
  end
  fibaro.call(ids[3], "turnOn")
  fibaro.call(ids[2], "setValue", 60)
  setTimeout(function() self:inventory(ids) end, 0)
end

function QuickApp:inventory(ids)
  for _, id in ipairs(ids) do self:debug(Lib.describe(id)) end
  self:debug(Lib.describe(424242))
  local switches = __fibaro_get_devices_by_type("com.fibaro.binarySwitch")
  local names = {}
  for _, d in ipairs(switches) do names[#names + 1] = d.name end
  table.sort(names)
  self:debug("binary switches", table.concat(names, ", "))
  local on = fibaro.getDevicesID({ properties = { value = true }, type = "com.fibaro.binarySwitch" })
  self:debug("switched on", json.encode(on))
  local qas = fibaro.getDevicesID({ interfaces = { "quickApp" }, enabled = true })
  self:debug("QuickApps", json.encode(qas))
  local res, code = api.post("/devices/filter", {
    filters = { { filter = "type", value = { "com.fibaro.motionSensor" } } },
    attributes = { main = { "id", "name" } } })
  self:debug("filter", code, json.encode(res))
  self:debug("ternary", __ternary(#on > 0, "something on", "all off"), __ternary(false, 1, 2))
  local ok, err = pcall(Lib.check, "12", "number")
  self:debug("assert ok?", ok, (err:match("Wrong parameter type.*")))
end
