local id
id = setTimeout(function()
  clearTimeout(id)  -- clearing itself while it runs is harmless
  print("ran once")
end, 1)
local n = 0
local iv
iv = setInterval(function()
  n = n + 1
  print("tick", n)
  if n == 3 then clearInterval(iv) end
end, 2)
