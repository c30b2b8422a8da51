setTimeout(function() print("timers created before the error still run") end, 0)
local function fail() error("main failed") end
print("before")
fail()
print("not reached")
