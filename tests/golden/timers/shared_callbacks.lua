-- Timers made with the same plain function share one stored copy of it;
-- clearing, firing, intervals and argument tables must not mix them up.
local log = {}
local function f() log[#log + 1] = "f" end
local function g() log[#log + 1] = "g" end
local a = setTimeout(f, 1)
local b = setTimeout(f, 1)          -- shares a's slot
local c = setTimeout(f, 1)
clearTimeout(b)                     -- one use less; a and c still call f
local ticks, i = 0, nil
local function tick()
  ticks = ticks + 1
  log[#log + 1] = "tick"
  if ticks < 2 then return end
  clearInterval(i)                  -- the last use of tick's slot
  setTimeout(f, 0)                  -- f's slot is free again: stored anew
  setTimeout(f, 0)
  setTimeout(g, 0)
  setTimeout(function() print(table.concat(log, " ")) end, 5)
end
setTimeout(tick, 1)                 -- a timeout and an interval share tick
i = setInterval(tick, 2)
setTimeout(g, 1)                    -- another function: a slot of its own
setTimeout(function(x) log[#log + 1] = "arg " .. x end, 1, "x")
-- A callable table is shared by identity, never by equal contents.
local calls = 0
local callable = setmetatable({}, { __call = function() calls = calls + 1 end })
for _ = 1, 3 do setTimeout(callable, 2) end
setTimeout(setmetatable({}, { __call = function() calls = calls + 10 end }), 2)
setTimeout(function() print("callable calls", calls) end, 4)
