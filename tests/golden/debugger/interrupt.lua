-- Ctrl-C while paused: the debugger lets go and plua stops as for any
-- Ctrl-C (130, with what was pending).
setTimeout(function()
  local x = 1
  print("never", x)
end, 5)
setTimeout(function() print("never either") end, 10)
