-- timers_rss_closures: as timers_rss, but each of the 100,000 pending
-- setTimeout(fn, 60000) gets a new closure (sharing its upvalue, as
-- `function() self:turnOn() end` in a QuickApp shares `self`). Prints how
-- many were cleared.
local N = 100000
local ids = {}
local function never() error("a cleared timer fired") end
for i = 1, N do ids[i] = setTimeout(function() never() end, 60000) end
setTimeout(function()
  local cleared = 0
  for i = 1, N do
    clearTimeout(ids[i])
    cleared = cleared + 1
  end
  print(cleared)
end, 0)
