-- _PY.on_exit handlers run however the process ends; see on_exit.cmd.
local mode = ...
_PY.on_exit(function() print("exit handler ran (" .. mode .. ")") end)
if mode == "normal" then
  setTimeout(function() print("last timer") end, 1)
elseif mode == "os.exit" then
  setTimeout(function() os.exit(4) end, 1)
elseif mode == "error" then
  error("uncaught")
elseif mode == "signal" then
  print("waiting")
  io.stdout:flush()
  setInterval(function() end, 1000)
end
