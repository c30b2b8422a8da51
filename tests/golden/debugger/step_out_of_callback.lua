-- Stepping over the end of a callback stops at the next line of the script
-- that runs; stepping over _PY.sleep stops where that task continues, even
-- with other callbacks running in between.
setTimeout(function()
  local a = 1
  print("first", a)
end, 5)
setTimeout(function()
  print("second")
end, 6)
setTimeout(function()
  local b = 2
  _PY.sleep(0.05)
  print("third", b)
end, 20)
setTimeout(function()
  print("during the sleep")
end, 30)
