--%%name:ModeSwitcher
--%%type:com.fibaro.genericDevice
--%%time:2026-11-23 12:00:00
--%%u:{{button='home',text='Home',onReleased='setMode'},{button='away',text='Away',onReleased='setMode'},{button='night',text='Night',onReleased='setMode'}}
-- A house-mode switcher: buttons pick a profile, the active profile is
-- followed through refresh-state events, and the scenes belonging to the
-- mode are looked up by name in /scenes.
local MODES = { home = "Home", away = "Away", night = "Night" }

function QuickApp:profileId(name)
  for _, p in ipairs(api.get("/profiles").profiles) do
    if p.name == name then return p.id end
  end
end

function QuickApp:setMode(event)
  local name = MODES[event.elementName]
  local id = self:profileId(name)
  self:debug("button", event.elementName, "-> profile", name, id)
  fibaro.profile("activeProfile", id)
  self:debug("active now", api.get("/profiles").activeProfile)
end

function QuickApp:scenesFor(mode)
  local out = {}
  for _, s in ipairs(api.get("/scenes") or {}) do
    if s.name:find("^" .. mode .. ":") then out[#out + 1] = s.name end
  end
  table.sort(out)
  return out
end

function QuickApp:onInit()
  for _, name in ipairs({ "Away:lights off", "Night:lock doors", "Away:heating eco", "Home:welcome" }) do
    local s, code = api.post("/scenes", { name = name, type = "lua", mode = "manual",
      content = json.encode({ conditions = "{}", actions = "fibaro.debug('scene', 'hi')" }) })
    if code ~= 201 then self:error("scene create", name, code) end
  end
  self:debug("scenes", #api.get("/scenes"))
  self:debug("active at start", api.get("/profiles").activeProfile)
  self.refresh = RefreshStateSubscriber()
  self.refresh:subscribe(function(e) return e.type == "ActiveProfileChangedEvent" end, function(e)
    local name
    for _, p in ipairs(api.get("/profiles").profiles) do if p.id == e.data.newActiveProfile then name = p.name end end
    self:debug("profile changed", e.data.oldActiveProfile, "->", e.data.newActiveProfile, name,
      "scenes:", table.concat(self:scenesFor(name), "; "))
    self.changes = self.changes + 1
    if self.changes == 2 then self.refresh:stop() self:debug("final", api.get("/profiles").activeProfile) end
  end)
  self.refresh:run()
  self.changes = 0
  fibaro.callUI(self.id, "onReleased", "away")
  fibaro.setTimeout(50, function() fibaro.callUI(self.id, "onReleased", "night") end)
end
