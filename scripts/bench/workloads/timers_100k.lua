-- timers_100k: 100,000 setTimeout(f, 0); each increments a counter, the
-- last one prints it.
local N, n = 100000, 0
local function f()
  n = n + 1
  if n == N then print(n) end
end
for _ = 1, N do setTimeout(f, 0) end
