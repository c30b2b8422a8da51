--%%name:Lamp
--%%type:com.fibaro.binarySwitch
--%%var:color="red"
function QuickApp:onInit()
  print("onInit", self.id, __TAG, plugin.mainDeviceId, mine, self:getVariable("color"))
  setTimeout(function() error("the lamp fails, the others go on") end, 5)
end

function QuickApp:turnOn(from)
  self:updateProperty("value", true)
  fibaro.call(from, "pong", self.id, "lamp is on")
end
