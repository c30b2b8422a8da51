--%%name:ProxiedQA
--%%type:com.fibaro.binarySwitch
--%%proxy:ProxiedQA Proxy
--%%var:stay=true
--%%u:{label="status",text="Idle"}
--%%u:{button="press",text="Press",onReleased="pressed"}
-- Runs in plua; its proxy on the HC3 forwards actions and UI events here.
function QuickApp:onInit()
  self:debug("onInit")
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
