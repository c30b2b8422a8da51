--%%name:Hub
--%%type:com.fibaro.multilevelSwitch
--%%file:until_stopped.lua,stop
-- The front page's main QuickApp: sets a global at start, and its action
-- `bump` sets its value, its child's and the global; runs until the global
-- "stop" is set.
function QuickApp:onInit()
  fibaro.setGlobalVariable("Mode", "Home")
  self:updateProperty("value", 10)
  self.dimmer = self:createChildDevice({ name = "Hub dimmer", type = "com.fibaro.multilevelSwitch" })
  self.dimmer:updateProperty("value", 0)
  self:runUntilStopped()
end
function QuickApp:bump(level)
  self:updateProperty("value", level)
  self.dimmer:updateProperty("value", level)
  fibaro.setGlobalVariable("Mode", "Away")
end
