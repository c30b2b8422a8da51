-- --run-for 0: runs forever; SIGTERM ends it with 143.
print("running")
io.stdout:flush()
