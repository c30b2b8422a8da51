--%%name:Stateful
--%%var:counter=0
--%%time:2026-11-23 12:00:00
-- Internal storage, quickApp variables, globals and children persist in
-- the state file between runs (state_file.cmd runs this twice).
class "Sensor"(QuickAppChild)
function Sensor:__init(device)
  QuickAppChild.__init(self, device)
  self:debug("child", self.id, self.name, "value", fibaro.getValue(self.id, "value"))
end
function QuickApp:onInit()
  self:initChildDevices({ ["com.fibaro.temperatureSensor"] = Sensor })
  local id = next(self.childDevices)
  if not id then id = self:createChildDevice({ name = "Outside", type = "com.fibaro.temperatureSensor" }, Sensor).id end
  self.childDevices[id]:updateProperty("value", fibaro.getValue(id, "value") + 1.5)
  local runs = (self:internalStorageGet("runs") or 0) + 1
  self:internalStorageSet("runs", runs)
  self:internalStorageSet("history", { last = runs, tags = { "a", "b" } })
  local counter = self:getVariable("counter")
  self:setVariable("counter", counter + 10)
  local g = fibaro.getGlobalVariable("Seen") or ""
  fibaro.setGlobalVariable("Seen", g .. "x")
  self:debug("run", runs, "counter was", counter, "global was", "[" .. g .. "]",
    json.encode(self:internalStorageGet("history")))
end
