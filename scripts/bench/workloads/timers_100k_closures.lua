-- timers_100k_closures: 100,000 setTimeout(fn, 0), each with a new closure
-- (as real code passes `function() self:turnOn() end`); each bumps a
-- counter, the last one prints it.
local N, n = 100000, 0
for _ = 1, N do
  setTimeout(function()
    n = n + 1
    if n == N then print(n) end
  end, 0)
end
