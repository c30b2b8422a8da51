setTimeout(function() print("first") end, 1)
setTimeout(function() local t = nil; print(t.field) end, 2)
setTimeout(function() print("third still runs") end, 3)
