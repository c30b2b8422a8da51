-- --run-for N > 0 does not keep the process alive: this exits at once.
print("no timers")
