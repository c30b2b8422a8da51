-- timers_rss: 100,000 pending setTimeout(f, 60000), all cleared from a later
-- callback; the runner reads the peak RSS. Prints how many were cleared.
local N = 100000
local ids = {}
local function never() error("a cleared timer fired") end
for i = 1, N do ids[i] = setTimeout(never, 60000) end
setTimeout(function()
  local cleared = 0
  for i = 1, N do
    clearTimeout(ids[i])
    cleared = cleared + 1
  end
  print(cleared)
end, 0)
