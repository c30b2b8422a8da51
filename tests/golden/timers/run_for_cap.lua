-- --run-for 0.05: a cap; the interval would run forever otherwise.
local n = 0
setInterval(function() n = n + 1 end, 5)
setTimeout(function() print("before the cap") end, 10)
setTimeout(function() print("after the cap: must not run") end, 5000)
