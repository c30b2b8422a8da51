-- A task that blocks the loop for more than a second is named, once.
setTimeout(function()
  local t = os.clock()
  while os.clock() - t < 1.1 do end
end, 0)
