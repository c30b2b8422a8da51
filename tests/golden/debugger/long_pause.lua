-- A pause longer than the blocked-loop threshold (1 s) is the user's time,
-- not the callback's: no "blocked the event loop" warning.
setTimeout(function()
  local waited = "long"
  print("paused", waited)
end, 5)
setTimeout(function() print("next timer") end, 10)
