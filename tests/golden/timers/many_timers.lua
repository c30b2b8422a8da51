local count = 0
local N = 100000
for i = 1, N do setTimeout(function() count = count + 1 end, i % 7) end
setTimeout(function() print(count) end, 10)
local stats = _PY.stats()
print(stats.timeouts)
