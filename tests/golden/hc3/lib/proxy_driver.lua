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
  elseif step == "child" or step == "childui" then
    -- the HC3's child of the proxy, and the proxy told which plua child it
    -- is (as plua told the HC3); then an action or a UI event on it
    local child = api.post("/plugins/createChildDevice", { parentId = 5556, name = "ProxiedLamp",
      type = "com.fibaro.binarySwitch" })
    local told = {}
    for _, plua_id in pairs(json.decode(self:getVariable("children"))) do told[tostring(child.id)] = plua_id end
    fibaro.call(5556, "pluaChildren", json.encode(told))
    local function learnt()
      for _, v in ipairs(fibaro.getValue(5556, "quickAppVariables") or {}) do
        if v.name == "pluaChildren" then return true end
      end
    end
    local function when_learnt()
      if not learnt() then return setTimeout(when_learnt, 10) end
      if step == "child" then fibaro.call(child.id, "turnOn") else fibaro.callUI(child.id, "onReleased", "dim") end
    end
    when_learnt()
  elseif step == "uiaction" then
    fibaro.call(5556, "UIAction", "onReleased", "press")
  else
    fibaro.call(5556, step)
  end
end
