-- A year on the virtual clock (run with --speed 8760): a minute interval,
-- a sleeper that wakes every hour and a fresh timeout per day; prints the
-- callbacks that ran (525,600 + 8,760 + 365) and whether os.date agrees
-- with the clock at the end.
local ticks, wakes, days = 0, 0, 0
local start = os.time()
setInterval(function() ticks = ticks + 1 end, 60 * 1000)
setTimeout(function()
  while true do
    _PY.sleep(3600)
    wakes = wakes + 1
  end
end, 0)
local function day()
  days = days + 1
  setTimeout(day, 86400 * 1000)
end
setTimeout(day, 86400 * 1000)
_PY.on_exit(function()
  print(("%d %s"):format(ticks + wakes + days, tostring(os.time() - start == 365 * 86400)))
end)
