local a = setTimeout(function() print("a must not run") end, 5)
local b = setTimeout(function() print("b runs") end, 5)
clearTimeout(a)
clearTimeout(a)          -- idempotent
clearTimeout(nil)        -- no-op
clearTimeout(123456)     -- unknown id: no-op
-- A timer cleared by an earlier callback of the same pass does not run.
local victim
setTimeout(function() print("killer"); clearTimeout(victim) end, 10)
victim = setTimeout(function() print("victim must not run") end, 10)
-- Timeouts and intervals share one id space.
local i = setInterval(function() print("interval must not run") end, 1)
clearTimeout(i)
