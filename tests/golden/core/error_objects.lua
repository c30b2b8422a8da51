-- Non-string error values are reported as lua5.4 reports them.
setTimeout(function() error(setmetatable({}, {__tostring = function() return "custom error object" end})) end, 1)
setTimeout(function() error({code = 1}) end, 2)
setTimeout(function() error(nil) end, 3)
setTimeout(function() error(42) end, 4)
setTimeout(function() error(setmetatable({}, {__tostring = function() error("tostring fails") end})) end, 5)
