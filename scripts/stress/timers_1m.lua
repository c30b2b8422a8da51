-- 1,000,000 timers: all fire, in order of creation for equal delays.
local N, n, last = 1000000, 0, 0
for i = 1, N do
  setTimeout(function()
    if i ~= last + 1 then error(("timer %d ran after %d"):format(i, last)) end
    last, n = i, n + 1
  end, 0)
end
_PY.on_exit(function() print(n) end)
