setTimeout(function(...)
  print(select("#", ...), ...)
end, 0, "a", nil, 3, nil)
local n = 0
local id
id = setInterval(function(x, y)
  n = n + 1
  print("interval", x, y)
  if n == 2 then
    clearInterval(id)
    -- A callable table works as a callback (started here, so the order
    -- does not depend on how fast the machine is).
    setTimeout(setmetatable({}, {__call = function(self, v) print("callable", v) end}), 5, "ok")
  end
end, 1, "x", 42)
