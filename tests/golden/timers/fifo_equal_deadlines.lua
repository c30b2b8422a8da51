-- Equal deadlines run in creation order, whatever the delay.
for i = 1, 5 do setTimeout(function() print("zero", i) end, 0) end
for i = 1, 3 do setTimeout(function() print("ten", i) end, 10) end
setTimeout(function() print("five") end, 5)
print("main done")
