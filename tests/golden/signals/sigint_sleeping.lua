-- SIGINT while the main task sleeps and an interval waits: exit 130.
setInterval(function() end, 1000)
print("sleeping")
io.stdout:flush()
_PY.sleep(60)
print("not reached")
