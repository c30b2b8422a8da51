--%%name:ProxiedQA
--%%type:com.fibaro.binarySwitch
--%%proxy:ProxiedQA Proxy
--%%var:stay=true
--%%u:{label="status",text="Idle"}
--%%u:{button="press",text="Press",onReleased="pressed"}
-- Runs in plua; its proxy on the HC3 forwards actions and UI events here.
-- Its child gets a child of the proxy that stands for it.
class "Lamp"(QuickAppChild)
function Lamp:turnOn()
  self:debug("child turnOn from the proxy")
  self:updateProperty("value", true)
end
function Lamp:onInit() self:registerUICallback("dim", "onReleased", "dimmed") end
function Lamp:dimmed(event) self:debug("child", event.elementName, event.eventType) end
function QuickApp:onInit()
  self:debug("onInit")
  local lamp = self:createChildDevice({ name = "ProxiedLamp", type = "com.fibaro.binarySwitch",
    initialProperties = { uiCallbacks = { { name = "dim", eventType = "onReleased", callback = "dimmed" } } } }, Lamp)
  if self:getVariable("drop") == true then self:removeChildDevice(lamp.id) end
  if self:getVariable("stay") then self.keep = setInterval(function() end, 20) end
end
function QuickApp:turnOn()
  self:debug("turnOn from the proxy")
  self:updateProperty("value", true)
  self:updateView("status", "text", "On")
end
local presses = 0
function QuickApp:pressed(event)
  presses = presses + 1
  self:debug("pressed", event.elementName, event.eventType)
  self:updateView("status", "text", "pressed " .. presses)
end
function QuickApp:turnOff()
  self:debug("turnOff from the proxy")
  self:updateProperty("value", false)
  clearInterval(self.keep)
end
