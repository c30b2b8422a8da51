--%%name:WaitingQA
--%%type:com.fibaro.binarySwitch
-- A request to the HC3 suspends only the task that made it: timers and
-- other tasks go on meanwhile. From a script's own coroutine it works too;
-- across a C boundary it is an error that says so.
function QuickApp:onInit()
  setTimeout(function() self:debug("a timer ran while the HC3 was slow") end, 0)
  self:debug("slow read", fibaro.getValue(46, "value"))
  -- the coroutine waits; its resume() returns meanwhile, as with _PY.sleep
  local co = coroutine.wrap(function()
    self:debug("in a coroutine", fibaro.getValue(47, "value"))
    fibaro.call(4711, "turnOn")
  end)
  co()
  local ok, err = pcall(table.sort, { 2, 1 }, function(a, b) return fibaro.getValue(46, "value") and a < b end)
  self:debug("in a sort comparator", ok, err)
end
