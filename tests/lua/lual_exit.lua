-- lual async: 100,000 queued messages reach the file however the process
-- ends (normal end, os.exit, uncaught error, SIGTERM). See lual_exit.cmd.
local mode, path = ...
local lual = require("lual")
lual.config({ level = lual.info,
  async = { enabled = true, batch_size = 1000000, max_queue_size = 1000000, flush_interval = 60 },
  pipelines = { { outputs = { { lual.file, path = path } }, presenter = lual.text() } } })
local log = lual.logger("exit")
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
