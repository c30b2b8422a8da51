-- 100,000 tasks sleeping at once, then all woken.
local N, done = 100000, 0
for i = 1, N do
  setTimeout(function() _PY.sleep(0.01) done = done + 1 end, 0)
end
_PY.on_exit(function() print(done) end)
