-- SIGINT while a callback is busy in Lua: stop quietly with 130.
setTimeout(function()
  print("busy")
  io.stdout:flush()
  while true do end
end, 0)
