-- Debugged by tests/tools/mobdebug_ide.py (see timer.cmd and timer.ide).
local count = 0

local function add(n)
  local doubled = n * 2
  count = count + doubled
  return doubled
end

setTimeout(function()
  local label = "tick"
  add(1)
  add(2)
  print(label, count)
end, 10)

print("main done")
