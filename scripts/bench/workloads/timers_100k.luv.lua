-- timers_100k over lua-luv (one uv timer per setTimeout).
local uv = dofile((arg[0]:match("^(.*/)") or "./") .. "luvtimers.lua")
local N, n = 100000, 0
local function f()
  n = n + 1
  if n == N then print(n) end
end
for _ = 1, N do setTimeout(f, 0) end
uv.run()
