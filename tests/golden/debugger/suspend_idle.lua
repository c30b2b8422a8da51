-- SUSPEND while the loop waits between short callbacks pauses at the first
-- line of the next one.
local ticks = 0
setInterval(function()
  ticks = ticks + 1
  if ticks == 1 then print("first tick") end
  if ticks == 50 then os.exit(0) end
end, 20)
