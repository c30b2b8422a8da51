#!/usr/bin/env plua
-- Run directly once plua is on PATH: ./examples/shebang.lua a b
print("shebang script, args:", ...)
setTimeout(function() print("and timers work too") end, 10)
