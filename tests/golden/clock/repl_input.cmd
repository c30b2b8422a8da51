# The REPL under --speed: a line waiting on stdin is read before the clock
# jumps to the next timer, and with no timer left the run waits for input in
# real time instead of jumping to the end.
printf 'setTimeout(function() print("timer", os.date("!%%H:%%M")) end, 600000)\nprint("second line", os.date("!%%H:%%M"))\n' |
  PLUA_TIME=0 "$PLUA" --speed 1 -i 2>&1 | tail -n +2
