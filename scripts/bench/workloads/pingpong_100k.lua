-- pingpong_100k: a coroutine yields 100,000 times; each time it is resumed
-- from a setTimeout(f, 0) callback.
local N, n = 100000, 0
local co
local function wake()
  local ok, err = coroutine.resume(co)
  if not ok then error(err, 0) end
end
co = coroutine.create(function()
  for _ = 1, N do
    setTimeout(wake, 0)
    coroutine.yield()
    n = n + 1
  end
  print(n)
end)
wake()
