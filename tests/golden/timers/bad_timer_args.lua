-- Every bad argument is a clear, catchable error with lua's shape.
local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end
try(setTimeout, nil, 10)
try(setTimeout, 42, 10)
try(setTimeout, function() end, "10")
try(setTimeout, function() end, {})
try(setInterval, nil)
try(setInterval, function() end, true)
try(clearTimeout, "abc")
try(clearInterval, {})
try(function() _PY.sleep("1") end)
-- Odd delays are accepted: NaN and negative mean 0.
local order = {}
setTimeout(function() order[#order + 1] = "nan" end, 0/0)
setTimeout(function() order[#order + 1] = "negative" end, -100)
setTimeout(function() order[#order + 1] = "nil" end, nil)
setTimeout(function() print(table.concat(order, " ")) end, 1)
-- math.huge never fires; unref'd, it does not keep the process alive.
local never = setTimeout(function() print("never") end, math.huge)
print("unref", _PY.unref(never), "unknown id", _PY.unref(999999))
