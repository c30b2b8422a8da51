-- interval_drift over lua-luv (a repeating uv timer).
local uv = dofile((arg[0]:match("^(.*/)") or "./") .. "luvtimers.lua")
local N, n, id = 1000, 0, nil
id = setInterval(function()
  n = n + 1
  if n == N then
    clearInterval(id)
    print(n)
  end
end, 1)
uv.run()
