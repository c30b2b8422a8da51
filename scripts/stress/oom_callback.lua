-- Memory exhaustion inside a callback: reported, and the process goes on.
setTimeout(function()
  local t = {}
  for i = 1, 1e9 do t[i] = ("x"):rep(4096) .. i end
end, 0)
setTimeout(function() print("alive after oom") end, 1)
