-- chain_100k: a callback re-schedules itself with setTimeout(f, 0) until it
-- has run 100,000 times.
local N, n = 100000, 0
local function f()
  n = n + 1
  if n < N then setTimeout(f, 0) else print(n) end
end
setTimeout(f, 0)
