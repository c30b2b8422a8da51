-- A task that blocks the loop for more than a second while something else
-- is kept waiting (here the next timer) is named, once.
setTimeout(function()
  local t = os.clock()
  while os.clock() - t < 1.1 do end
end, 0)
setTimeout(function() print("kept waiting") end, 0)
