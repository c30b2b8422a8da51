-- A coroutine suspended with nothing to resume it does not keep the
-- process alive.
local co = coroutine.create(function() coroutine.yield() print("never") end)
coroutine.resume(co)
setTimeout(function() print("last timer") end, 1)
