-- --run-for -0.05: keeps running (no timers at all) until the time is up.
print("started")
