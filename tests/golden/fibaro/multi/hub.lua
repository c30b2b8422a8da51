--%%name:Hub
--%%type:com.fibaro.deviceController
--%%time:2026-11-23 12:00:00
-- The first of several QuickApps in one run (multi_quickapps.cmd): each
-- has its own globals, tag and plugin.mainDeviceId; they share the
-- controller, so they call each other's actions and see each other's events.
mine = "hub's global"

function QuickApp:onInit()
  print("onInit", self.id, __TAG, plugin.mainDeviceId, mine)
  local refresh = RefreshStateSubscriber()
  refresh:subscribe(function(e) return e.type == "DevicePropertyUpdatedEvent" and e.data.id == 5556 end,
    function(e) print("saw lamp", e.data.property, tostring(e.data.newValue)) end)
  refresh:run()
  fibaro.call(5556, "turnOn", self.id)
end

function QuickApp:pong(from, text)
  self:debug("pong from", from, text)
  if from == 5557 then self:install() end
end

-- a QuickApp installed while the run goes on
function QuickApp:install()
  local fqa = { name = "Late", type = "com.fibaro.binarySwitch", initialProperties = {},
    files = { { name = "main", isMain = true, type = "lua", content = [[
function QuickApp:onInit() self:debug("installed at run time", self.id, __TAG, mine) end
function QuickApp:turnOn() self:debug("late turnOn") end
]] } } }
  local device, status = api.post("/quickApp/", fqa)
  print("installed", status, device.id, device.name)
  fibaro.call(device.id, "turnOn")
  print("bad fqa", api.post("/quickApp/", { name = "X" }))
end
