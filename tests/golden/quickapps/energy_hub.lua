--%%name:EnergyHub
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
-- An energy-meter hub (like a P1 smart-meter reader): one child per
-- tariff energy meter plus a power meter, fed from a parsed telegram.
class "Meter"(QuickAppChild)
function Meter:__init(device) QuickAppChild.__init(self, device) end
function Meter:setReading(value)
  self:updateProperty("value", value)
end

local TELEGRAM = [[
/ISK5\2M550T-1012
1-0:1.8.1(004512.345*kWh)
1-0:1.8.2(002278.901*kWh)
1-0:1.7.0(01.234*kW)
!A1B2]]

local function parse(t)
  local r = {}
  for obis, val, unit in t:gmatch("(%d+%-%d+:[%d%.]+)%(([%d%.]+)%*(%a+)%)") do
    r[obis] = { tonumber(val), unit }
  end
  return r
end

function QuickApp:onInit()
  self:initChildDevices({ ["com.fibaro.energyMeter"] = Meter, ["com.fibaro.powerMeter"] = Meter })
  self.meters = {}
  local defs = {
    { key = "1-0:1.8.1", name = "Import T1", type = "com.fibaro.energyMeter", rateType = "consumption" },
    { key = "1-0:1.8.2", name = "Import T2", type = "com.fibaro.energyMeter", rateType = "consumption" },
    { key = "1-0:1.7.0", name = "Power", type = "com.fibaro.powerMeter", rateType = "consumption", unit = "W" },
  }
  for _, d in ipairs(defs) do
    local child = self:createChildDevice({ name = d.name, type = d.type,
      initialProperties = { rateType = d.rateType, unit = d.unit } }, Meter)
    self.meters[d.key] = child
  end
  local reading = parse(TELEGRAM)
  local keys = {}
  for k in pairs(reading) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local child = self.meters[k]
    local v, unit = reading[k][1], reading[k][2]
    if unit == "kW" then v = v * 1000 end -- the power meter shows W
    child:setReading(v)
    local dev = api.get("/devices/" .. child.id)
    self:debug(string.format("%-9s %-24s value=%s unit=%s rateType=%s", dev.name, dev.type,
      tostring(dev.properties.value), tostring(dev.properties.unit), tostring(dev.properties.rateType)))
  end
  local total = fibaro.getValue(self.meters["1-0:1.8.1"].id, "value") + fibaro.getValue(self.meters["1-0:1.8.2"].id, "value")
  self:debug(string.format("total import %.3f kWh", total))
  local energy = fibaro.getDevicesID({ type = "com.fibaro.energyMeter", parentId = self.id })
  self:debug("energy meters", #energy, "power meters", #fibaro.getDevicesID({ type = "com.fibaro.powerMeter" }))
  self:debug("interfaces", json.encode(api.get("/devices/" .. self.meters["1-0:1.7.0"].id).interfaces))
end
