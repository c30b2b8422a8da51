-- 10,000 coroutines, each suspended and resumed 10 times from callbacks.
local N, finished = 10000, 0
for i = 1, N do
  local co = coroutine.create(function()
    for _ = 1, 10 do coroutine.yield() end
    finished = finished + 1
  end)
  local function step()
    coroutine.resume(co)
    if coroutine.status(co) ~= "dead" then setTimeout(step, i % 3) end
  end
  setTimeout(step, 0)
end
_PY.on_exit(function() print(finished) end)
