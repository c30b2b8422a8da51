-- lual_async (plua's bundled lual): as lual_sync with async = {enabled=true}
-- and no explicit flush: every message must still reach the file arg[1]
-- by the time the process has exited (the runner counts the lines).
local lual = require("lual")
local path = assert(arg[1], "usage: lual_async.lua LOGFILE")
local N = 200000
local clock = (_PY and _PY.get_time) or os.clock

lual.config({
  level = lual.info,
  pipelines = {
    { level = lual.info, outputs = { { lual.file, path = path } }, presenter = lual.text() },
  },
  async = { enabled = true },
})
local logger = lual.logger("bench")

local t0 = clock()
for i = 1, N do logger:info("msg %d", i) end
io.stderr:write(string.format("submit_seconds %.6f\n", clock() - t0))
print(N)
