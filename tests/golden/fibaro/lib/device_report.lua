-- Loaded by a `--%%file` header (device_types tests): one line that says
-- what the emulated HC3 answers for a device, in a stable order.
local function show(v)
  if type(v) == "string" then return ("%q"):format(v) end
  if type(v) ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = (math.type(k) == "integer" and "" or tostring(k) .. "=") .. show(v[k])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- The properties a type's defaults set that the tests look at.
local KEYS = { "value", "unit", "rateType", "state", "categories", "thermostatMode", "supportedThermostatModes",
  "heatingThermostatSetpoint", "coolingThermostatSetpoint", "temperature", "armed", "alarm", "secured",
  "volume", "mute", "power", "energy", "color", "Temperature", "Humidity", "Wind", "lastBreached",
  "centralSceneSupport", "concentration" }

DeviceReport = {
  show = show,
  line = function(id)
    local d, status = api.get("/devices/" .. id)
    if status ~= 200 then return ("%s: status %s"):format(tostring(id), tostring(status)) end
    local props = {}
    for _, k in ipairs(KEYS) do
      if d.properties[k] ~= nil then props[#props + 1] = k .. "=" .. show(d.properties[k]) end
    end
    return ("%s base=%s actions=%s %s"):format(d.type, d.baseType, show(d.actions), table.concat(props, " "))
  end,
}
