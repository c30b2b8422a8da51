-- lual async: 100,000 queued messages reach the file however the process
-- ends (normal end, os.exit, uncaught error, SIGTERM, SIGINT), with either
-- backend. See lual_exit.cmd.
local mode, path, backend = ...
local lual = require("lual")
lual.config({ level = lual.info,
  async = { enabled = true, backend = backend or "coroutines", batch_size = 1000000, max_queue_size = 1000000, flush_interval = 60 },
  pipelines = { { outputs = { { lual.file, path = path } }, presenter = lual.text() } } })
local log = lual.logger("exit")
if mode == "busy" then
  -- Signalled while the worker is writing: every submitted line must land.
  lual.config({ level = lual.info,
    async = { enabled = true, backend = backend, batch_size = 500, flush_interval = 0.001 },
    pipelines = { { outputs = { { lual.file, path = path } }, presenter = lual.text() } } })
  -- The interrupt may land between two statements: count what lual took.
  _PY.on_exit(function() io.stderr:write("submitted ", lual.async.get_stats().messages_submitted, "\n") end)
  local n = 0
  setInterval(function()
    for _ = 1, 2000 do
      n = n + 1
      log:info("msg %d", n)
    end
    if n == 100000 then print("ready") io.stdout:flush() end
  end, 1)
  return
end
for i = 1, 100000 do log:info("msg %d", i) end
assert(lual.async.get_stats().queue_size == 100000)
if mode == "os.exit" then
  os.exit(0)
elseif mode == "error" then
  error("uncaught")
elseif mode == "signal" then
  print("ready")
  io.stdout:flush()
  setInterval(function() end, 1000)
end
