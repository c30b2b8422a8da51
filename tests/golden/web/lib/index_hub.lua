--%%name:Hub
--%%type:com.fibaro.multilevelSwitch
-- The front page's main QuickApp: sets a global at start, and its action
-- `bump` sets its value and the global; runs until the global "stop" is set.
function QuickApp:onInit()
  fibaro.setGlobalVariable("Mode", "Home")
  self:updateProperty("value", 10)
  local interval
  interval = setInterval(function()
    local ok, value = pcall(fibaro.getGlobalVariable, "stop")
    if ok and value == "yes" then
      clearInterval(interval)
      self:debug("stopped by the API")
    end
  end, 20)
end
function QuickApp:bump(level)
  self:updateProperty("value", level)
  fibaro.setGlobalVariable("Mode", "Away")
end
