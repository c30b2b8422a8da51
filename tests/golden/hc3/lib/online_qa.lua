--%%name:OnlineQA
--%%type:com.fibaro.binarySwitch
-- Online: the HC3's devices, globals, rooms, events; the QuickApp's own
-- device stays local.
function QuickApp:onInit()
  self:debug("lamp", fibaro.getValue(46, "value"), fibaro.getName(46), fibaro.getType(46), fibaro.getRoomID(46))
  self:debug("room", fibaro.getRoomName(219), fibaro.getRoomNameByDeviceID(47), fibaro.getSectionID(47))
  self:debug("sensor", fibaro.get(47, "value"), fibaro.getValue(47, "unit"), fibaro.getValue(47, "nosuch"))
  self:debug("missing device", fibaro.getValue(4711, "value"), fibaro.getName(4711))
  self:updateProperty("value", true)
  self:debug("own", fibaro.getValue(self.id, "value"), fibaro.getName(self.id))
  local ids = fibaro.getDevicesID({ type = "com.fibaro.binarySwitch" })
  self:debug("switches", table.concat(ids, ","))
  local all = api.get("/devices")
  local names = {}
  for _, d in ipairs(all) do names[#names + 1] = d.id .. "=" .. d.name end
  self:debug("devices", table.concat(names, " "))
  self:debug("own by api", api.get("/devices/" .. self.id).name)
  -- actions on a device the QuickApp does not own
  local r, status = api.post("/devices/46/action/turnOn", { args = {} })
  self:debug("turnOn", status, r.message, fibaro.getValue(46, "value"))
  api.post("/devices/46/action/setValue", { args = { false } })
  self:debug("setValue", fibaro.getValue(46, "value"))
  -- global variables, both ways
  self:debug("global", fibaro.getGlobalVariable("HouseMode"))
  fibaro.setGlobalVariable("HouseMode", "Away")
  self:debug("global set", (fibaro.getGlobalVariable("HouseMode")))
  local _, created = api.post("/globalVariables", { name = "Fresh", value = "1" })
  local fresh = api.get("/globalVariables/Fresh")
  self:debug("created", created, fresh.name, fresh.value)
  self:debug("delete", select(2, api.delete("/globalVariables/Fresh")), api.get("/globalVariables/Fresh"))
  fibaro.setGlobalVariable("NoSuchVar", "x") -- as on the box: not created
  self:debug("missing global", fibaro.getGlobalVariable("NoSuchVar"), select(2, api.get("/globalVariables/NoSuchVar")))
  -- the rest of the box
  self:debug("rooms", #api.get("/rooms"), api.get("/sections")[1].name)
  self:debug("arm state", fibaro.getHomeArmState(), fibaro.isHomeBreached())
  fibaro.emitCustomEvent("Doorbell")
  fibaro.scene("execute", { 10 })
  self:debug("hc3 info", api.hc3.get("/settings/info").hcName)
  -- fibaro.call: asynchronous, its own task; read back when it has run
  fibaro.call(46, "turnOn")
  fibaro.call(47, "setValue", 19) -- a sensor: the HC3 takes it as an action it ran
  while not fibaro.getValue(46, "value") do fibaro.sleep(5) end
  self:debug("after call", fibaro.getValue(46, "value"))
end
