--%%name:Stateful
--%%var:counter=0
--%%time:2026-11-23 12:00:00
-- Internal storage, quickApp variables and globals persist in the state
-- file between runs (state_file.cmd runs this twice).
function QuickApp:onInit()
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
