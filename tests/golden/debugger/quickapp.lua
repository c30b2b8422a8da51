--%%name:Debugged
--%%type:com.fibaro.binarySwitch
--%%time:2026-11-23 12:00:00
-- Debugged by tests/tools/mobdebug_ide.py (see quickapp.ide): a breakpoint
-- in QuickApp:onInit, a step over fibaro.sleep, a breakpoint in a user
-- coroutine, a watch.
function QuickApp:onInit()
  local before = "asleep"
  fibaro.sleep(20)
  local after = "awake"
  self:debug(before, after)
  local co = coroutine.wrap(function(x)
    local inside = x + 1
    coroutine.yield(inside)
    return inside * 10
  end)
  local total = co(41)
  total = total + co()
  self:debug("total", total)
end
