-- --debugger with no IDE listening: said once, and the script runs.
setTimeout(function() print("timer ran") end, 5)
print("main ran")
