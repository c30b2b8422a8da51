-- The C-API floor for timers_100k_closures (capi_timers.c): the same
-- 100,000 closures handed to a C function that keeps them by id, then
-- each called once from C. What any event loop on Lua's C API pays at least.
local timers = require("capi_timers")
local N, n = 100000, 0
for _ = 1, N do
  timers.reg(function()
    n = n + 1
    if n == N then print(n) end
  end, 0)
end
timers.runall()
