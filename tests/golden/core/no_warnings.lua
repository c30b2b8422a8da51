-- --no-warnings silences the unsafe-pattern diagnostics (the same script
-- without it warns, see unresumable_coroutine).
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
setTimeout(function() print(coroutine.resume(coroutine.create(function() end))) end, 0)
