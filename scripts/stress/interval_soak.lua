-- An interval at 1 ms for SECONDS (arg 1): RSS must stay flat. Prints
-- ticks, RSS after warm-up and at the end (KiB).
local seconds = tonumber(arg[1]) or 60
local function rss()
  local f = io.open("/proc/self/status"); local s = f:read("a"); f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)"))
end
local ticks, warm = 0, nil
local id
id = setInterval(function()
  ticks = ticks + 1
  local t = {} ; t[1] = ("x"):rep(100)   -- some garbage every tick
  if ticks == 1000 then collectgarbage() warm = rss() end
  if ticks >= seconds * 1000 then clearInterval(id) collectgarbage() print(ticks, warm, rss()) end
end, 1)
