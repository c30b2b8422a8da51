--%%name:Parent
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
-- Child devices with their own classes, fibaro.call between the emulated
-- devices (asynchronous, in order) and the class helper.
class "Lamp"(QuickAppChild)
function Lamp:__init(device)
  QuickAppChild.__init(self, device)
  self:debug("Lamp init", self.id, self.name, self.parentId, self.parent == quickApp)
end
function Lamp:turnOn() self:updateProperty("value", true); fibaro.call(self.parentId, "report", self.id, "on") end
function Lamp:turnOff() self:updateProperty("value", false); fibaro.call(self.parentId, "report", self.id, "off") end
function Lamp:__tostring() return "Lamp(" .. self.id .. ")" end

class "Dimmer"(Lamp)
function Dimmer:setValue(v) self:updateProperty("value", v); fibaro.call(self.parentId, "report", self.id, v) end

function QuickApp:report(id, what) self:debug("report", id, what, fibaro.getValue(id, "value")) end

function QuickApp:onInit()
  local lamp = self:createChildDevice({ name = "Lamp 1", type = "com.fibaro.binarySwitch",
    initialProperties = { userDescription = "kitchen" }, initialInterfaces = { "light" } }, Lamp)
  local dimmer = self:createChildDevice({ name = "Dimmer 1", type = "com.fibaro.multilevelSwitch" }, Dimmer)
  print("children", lamp.id, dimmer.id, tostring(lamp), tostring(dimmer), lamp:hasInterface("light"))
  print("classes", tostring(Lamp), getmetatable(dimmer) == Dimmer, Dimmer.turnOn == Lamp.turnOn)
  print("child props", fibaro.getValue(lamp.id, "userDescription"), fibaro.getValue(dimmer.id, "value"))
  print("parent of", api.get("/devices/" .. lamp.id).parentId, json.encode(api.get("/devices/" .. lamp.id).interfaces))
  fibaro.call(lamp.id, "turnOn")
  fibaro.call(dimmer.id, "setValue", 40)
  fibaro.call(lamp.id, "turnOff")
  api.post("/devices/" .. dimmer.id .. "/action/turnOn")
  print("calls queued, childDevices:", #fibaro.getDevicesID({ parentId = self.id }))
  setTimeout(function()
    -- initChildDevices finds the existing children that have no object yet.
    self.childDevices = {}
    self:initChildDevices({ ["com.fibaro.binarySwitch"] = Lamp })
    local n = 0
    for id, child in pairs(self.childDevices) do n = n + 1 end
    print("re-initialised", n, getmetatable(self.childDevices[lamp.id]) == Lamp,
      getmetatable(self.childDevices[dimmer.id]) == QuickAppChild)
    self:removeChildDevice(dimmer.id)
    print("after remove", json.encode(fibaro.getDevicesID({ parentId = self.id })))
    print(pcall(self.createChildDevice, self, { name = "X", type = "toaster" }))
    print(pcall(self.createChildDevice, self, "x"))
    print(pcall(class, 42))
    print(pcall(function() class "Bad"(nil) end))
  end, 10)
end
