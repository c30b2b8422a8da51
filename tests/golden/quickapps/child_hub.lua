--%%name:ZoneHub
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
-- A hub that owns child lights: creates them on first run, binds classes
-- with initChildDevices, drives them with fibaro.call and prunes one.
class "ZoneLight"(QuickAppChild)

function ZoneLight:__init(device)
  QuickAppChild.__init(self, device)
  self:trace("ZoneLight", self.id, self.name)
end

function ZoneLight:turnOn()
  self:updateProperty("value", true)
  self:updateProperty("state", true)
  self.parent:childChanged(self.id)
end

function ZoneLight:turnOff()
  self:updateProperty("value", false)
  self:updateProperty("state", false)
  self.parent:childChanged(self.id)
end

function QuickApp:childChanged(id)
  self:debug("child", id, self.childDevices[id].name, "value =", tostring(fibaro.getValue(id, "value")))
  self.pending = self.pending - 1
  if self.pending == 0 then self:finish() end
end

function QuickApp:getChildByName(name)
  for id, child in pairs(self.childDevices) do
    if child.name == name then return child end
  end
end

function QuickApp:onInit()
  self:initChildDevices({ ["com.fibaro.binarySwitch"] = ZoneLight })
  local count = 0
  for _ in pairs(self.childDevices) do count = count + 1 end
  self:debug("children at start", count)
  for _, zone in ipairs({ "Kitchen", "Hall", "Garden" }) do
    if not self:getChildByName(zone) then
      self:createChildDevice({ name = zone, type = "com.fibaro.binarySwitch",
        initialProperties = { userDescription = zone .. " light" },
        initialInterfaces = { "light" } }, ZoneLight)
    end
  end
  local ids = {}
  for id in pairs(self.childDevices) do ids[#ids + 1] = id end
  table.sort(ids)
  self:debug("children", json.encode(ids))
  local kitchen = self:getChildByName("Kitchen")
  local garden = self:getChildByName("Garden")
  self:debug("kitchen parent", api.get("/devices/" .. kitchen.id).parentId == self.id,
    fibaro.getValue(kitchen.id, "userDescription"))
  self.pending = 3
  fibaro.call(kitchen.id, "turnOn")
  fibaro.call(garden.id, "turnOn")
  fibaro.call(kitchen.id, "turnOff")
end

function QuickApp:finish()
  local garden = self:getChildByName("Garden")
  self:removeChildDevice(garden.id)
  self:debug("removed garden", self.childDevices[garden.id] == nil, api.get("/devices/" .. garden.id))
  local left = fibaro.getDevicesID({ parentId = self.id })
  table.sort(left)
  self:debug("left", json.encode(left))
end
