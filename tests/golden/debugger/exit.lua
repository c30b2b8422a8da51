-- EXIT from the IDE ends the run at once (exit code 1, as MobDebug's).
setTimeout(function() print("never printed") end, 10)
print("before the pause")
