--%%name:Lights
--%%type:com.fibaro.deviceController
-- A parent QuickApp with two child lamps. fibaro.call reaches a child's
-- method as it would on the HC3.
class "Lamp"(QuickAppChild)

function Lamp:__init(device)
  QuickAppChild.__init(self, device)
end

function Lamp:turnOn()
  self:updateProperty("value", true)
  self:debug(self.name, "on")
end

function Lamp:turnOff()
  self:updateProperty("value", false)
  self:debug(self.name, "off")
end

function QuickApp:onInit()
  for i = 1, 2 do
    self:createChildDevice({ name = "Lamp " .. i, type = "com.fibaro.binarySwitch" }, Lamp)
  end
  for id in pairs(self.childDevices) do fibaro.call(id, "turnOn") end
  fibaro.setTimeout(500, function()
    for id in pairs(self.childDevices) do fibaro.call(id, "turnOff") end
  end)
end
