setTimeout(function() print("timer ran") end, 0)
_PY.sleep(0)
print("main resumed")
