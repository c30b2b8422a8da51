--%%name:Presence
--%%type:com.fibaro.binarySensor
--%%time:2026-11-23 12:00:00
-- A presence QuickApp: phones (other apps, scenes) report via a global
-- variable and custom events; the app follows them through the refresh
-- states, keeps its own binary sensor in step and announces changes with
-- a custom event of its own.
local VAR = "PresenceState"

function QuickApp:onInit()
  if not api.get("/globalVariables/" .. VAR) then
    api.post("/globalVariables", { name = VAR, value = "away", isEnum = true, enumValues = { "home", "away" } })
  end
  local ev, code = api.post("/customEvents", { name = "PhoneArrived", userDescription = "a phone joined the wifi" })
  self:debug("custom event", code, ev and ev.name)
  api.post("/customEvents", { name = "PresenceChanged", userDescription = "announced by Presence" })
  self:debug("missing global", tostring(fibaro.getGlobalVariable("NoSuchVar")))

  self.refresh = RefreshStateSubscriber()
  self.refresh:subscribe(function(e) return e.type == "GlobalVariableChangedEvent" and e.data.variableName == VAR end,
    function(e)
      self:debug("global", e.data.variableName, e.data.oldValue, "->", e.data.newValue)
      self:setPresence(e.data.newValue == "home")
    end)
  self.refresh:subscribe(function(e) return e.type == "CustomEvent" end, function(e)
    self:debug("custom event seen", e.data.name)
    if e.data.name == "PhoneArrived" then fibaro.setGlobalVariable(VAR, "home") end
    if e.data.name == "PresenceChanged" then
      self.announced = self.announced + 1
      if self.announced == 2 then self.refresh:stop() self:debug("done", tostring(fibaro.getValue(self.id, "value"))) end
    end
  end)
  self.refresh:run()
  self.announced = 0
  fibaro.emitCustomEvent("PhoneArrived")
  fibaro.setTimeout(50, function() fibaro.setGlobalVariable(VAR, "away") end)
end

function QuickApp:setPresence(home)
  if fibaro.getValue(self.id, "value") == home then return end
  self:updateProperty("value", home)
  self:debug("presence", home and "HOME" or "AWAY")
  fibaro.emitCustomEvent("PresenceChanged")
end
