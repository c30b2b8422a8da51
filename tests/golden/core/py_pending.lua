-- _PY.pending() lists user timers by deadline; _PY.stats() counts work.
local a = setTimeout(function() end, 50)
local b = setInterval(function() end, 20)
local c = setTimeout(function() end, math.huge)
for _, t in ipairs(_PY.pending()) do
  print(t.id, t.kind, t.due_in_ms <= 50, t.origin)
end
local s = _PY.stats()
print("timeouts", s.timeouts, "intervals", s.intervals, "queued", s.queued, "sleeping", s.sleeping)
clearTimeout(a); clearInterval(b); clearTimeout(c)
print(#_PY.pending())
