-- timers_rss_closures over lua-luv (one uv timer per setTimeout).
local uv = dofile((arg[0]:match("^(.*/)") or "./") .. "luvtimers.lua")
local N = 100000
local ids = {}
local function never() error("a cleared timer fired") end
for i = 1, N do ids[i] = setTimeout(function() never() end, 60000) end
setTimeout(function()
  local cleared = 0
  for i = 1, N do
    clearTimeout(ids[i])
    cleared = cleared + 1
  end
  print(cleared)
end, 0)
uv.run()
