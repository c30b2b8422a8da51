-- chain_100k over lua-luv (one uv timer per setTimeout).
local uv = dofile((arg[0]:match("^(.*/)") or "./") .. "luvtimers.lua")
local N, n = 100000, 0
local function f()
  n = n + 1
  if n < N then setTimeout(f, 0) else print(n) end
end
setTimeout(f, 0)
uv.run()
