--%%name:Day
--%%type:com.fibaro.binarySwitch
--%%time:2026-01-01 00:00:00
--%%speed:24
--%%fullLua:true
-- 24 hours of a QuickApp on the virtual clock: an interval every minute
-- that starts a follow-up timer (a new closure each, as real code writes)
-- every half hour, and an hourly timer that re-arms itself and updates a
-- property: 1,512 callbacks. Prints the count when the run stops.
local count = 0
function QuickApp:onInit()
  setInterval(function()
    count = count + 1
    local minute = count
    if minute % 30 == 0 then fibaro.setTimeout(1000, function() count = count + 1 + 0 * minute end) end
  end, 60 * 1000)
  local function hourly()
    count = count + 1
    self:updateProperty("value", count % 2 == 0)
    fibaro.setTimeout(3600 * 1000, hourly)
  end
  fibaro.setTimeout(3600 * 1000, hourly)
end
_PY.on_exit(function() io.write(count, "\n") end)
