--%%name:Fibaro Basic
local n = 0
local ref
ref = setInterval(function()
  n = n + 1
  print("B")
  if n > 5 then print("Stop"); clearInterval(ref) end
end, 5)
