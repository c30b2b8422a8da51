-- PLua clears an interval whose callback errors; the process goes on.
local n = 0
setInterval(function()
  n = n + 1
  print("tick", n)
  if n == 2 then error("tick failed") end
end, 2)
setTimeout(function() print("still running") end, 30)
