-- A bare coroutine.yield() requeues the task so timers can run.
local done = false
local spins = 0
setTimeout(function() print("flag set"); done = true end, 10)
while not done do
  spins = spins + 1
  coroutine.yield()
end
print("loop ended", spins > 0)
-- Inside a callback too.
setTimeout(function()
  local ready = false
  setTimeout(function() ready = true end, 0)
  while not ready do coroutine.yield() end
  print("callback saw flag")
end, 0)
