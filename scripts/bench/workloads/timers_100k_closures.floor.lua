-- The floor for timers_100k_closures, on plain lua5.4: the same 100,000
-- closures, stored in a table, then each called once. No event loop can
-- do less than this (it must keep each callback until it runs).
local N, n = 100000, 0
local pending = {}
for i = 1, N do
  pending[i] = function()
    n = n + 1
    if n == N then print(n) end
  end
end
for i = 1, N do pending[i]() end
