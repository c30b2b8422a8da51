--%%name:Coro
local function test()
  print("A")
  local co = coroutine.running()
  setTimeout(function() print("D"); coroutine.resume(co); print("E") end, 10)
  print("B")
  coroutine.yield()
  print("C")
end
coroutine.resume(coroutine.create(test))
