-- A tour of plua's timer API. Run: build/plua examples/timers.lua

-- setTimeout(fn, ms, ...) returns an id; extra arguments go to fn.
setTimeout(function(who) print("timeout fired for", who) end, 50, "alice")

-- Equal deadlines run in creation order.
setTimeout(function() print("first of two at 20 ms") end, 20)
setTimeout(function() print("second of two at 20 ms") end, 20)

-- clearTimeout before it fires: nothing happens.
local cancelled = setTimeout(function() print("never printed") end, 30)
clearTimeout(cancelled)

-- setInterval runs until cleared, here from inside its own callback.
local ticks = 0
local interval
interval = setInterval(function()
  ticks = ticks + 1
  print("tick", ticks)
  if ticks == 3 then clearInterval(interval) end
end, 25)

-- _PY.sleep suspends this task only; the timers above keep running.
print("main: sleeping 0.1 s")
_PY.sleep(0.1)
print("main: awake")

-- A coroutine resumed from a callback.
local co = coroutine.create(function()
  print("coroutine: waiting")
  coroutine.yield()
  print("coroutine: resumed by a timer")
end)
coroutine.resume(co)
setTimeout(function() coroutine.resume(co) end, 10)

-- A polling loop: a bare coroutine.yield() lets timers run.
local done = false
setTimeout(function() done = true end, 30)
while not done do coroutine.yield() end
print("main: done polling")

-- An unref'd interval fires but does not keep the process alive.
local heartbeat = setInterval(function() end, 1000)
_PY.unref(heartbeat)
print("stats:", _PY.stats().intervals, "interval pending, the process exits anyway")
