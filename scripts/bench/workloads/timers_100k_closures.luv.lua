-- timers_100k_closures over lua-luv (one uv timer per setTimeout).
local uv = dofile((arg[0]:match("^(.*/)") or "./") .. "luvtimers.lua")
local N, n = 100000, 0
for _ = 1, N do
  setTimeout(function()
    n = n + 1
    if n == N then print(n) end
  end, 0)
end
uv.run()
