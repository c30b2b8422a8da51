--%%name:Driver
--%%type:com.fibaro.binarySwitch
--%%var:step="turnOn"
-- Plays the HC3's part: runs the proxy's code (QuickApp 5556 of this run)
-- and uses it as the HC3's apps would: an action, a UI event.
function QuickApp:onInit()
  local step = self:getVariable("step")
  if step == "ui" then
    -- a UI event does not wait for the proxy's onInit as an action does:
    -- the timer runs after that onInit, queued before it fired
    setTimeout(function() fibaro.callUI(5556, "onReleased", "press") end, 0)
  elseif step == "uiaction" then
    fibaro.call(5556, "UIAction", "onReleased", "press")
  else
    fibaro.call(5556, step)
  end
end
