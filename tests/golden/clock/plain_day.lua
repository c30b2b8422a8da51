-- --speed 24 on a plain script: an interval every minute and a timeout
-- every hour run a whole day at once, on a clock that starts at PLUA_TIME;
-- os.time, os.date, _PY.get_time and _PY.milli_time all read it, and the
-- run stops after 24 virtual hours with the --run-for summary.
local start_ms = _PY.milli_time()
print("start", os.date("%Y-%m-%d %H:%M:%S"), os.time(), _PY.get_time() == os.time())
local minutes = 0
setInterval(function() minutes = minutes + 1 end, 60 * 1000)
local function hourly()
  local elapsed = (_PY.milli_time() - start_ms) / 1000
  print(os.date("%H:%M", os.time()), os.date("%d.%m"), "minutes", minutes, "elapsed", elapsed)
  setTimeout(hourly, 3600 * 1000)
end
setTimeout(hourly, 3600 * 1000)
-- os.date with an explicit time and os.time with a table are lua5.4's.
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.time({ year = 2000, month = 1, day = 1, hour = 0 }) ~= nil)
-- os.clock stays the CPU's clock: it does not jump.
local cpu = os.clock()
_PY.on_exit(function() print("cpu seconds below 5", os.clock() - cpu < 5, "minutes", minutes) end)
