-- Timers created inside callbacks run after the tasks already queued,
-- never in the same pass as their creator.
setTimeout(function()
  print("outer 1")
  setTimeout(function()
    print("inner of 1")
    setTimeout(function() print("innermost") end, 0)
  end, 0)
end, 0)
setTimeout(function() print("outer 2") end, 0)
