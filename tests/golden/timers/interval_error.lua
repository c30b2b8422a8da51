-- PLua clears an interval whose callback errors; the process goes on.
local n = 0
setInterval(function()
  n = n + 1
  print("tick", n)
  if n == 2 then
    -- Scheduled here, so the order does not depend on the machine's speed.
    setTimeout(function() print("still running") end, 30)
    error("tick failed")
  end
end, 2)
