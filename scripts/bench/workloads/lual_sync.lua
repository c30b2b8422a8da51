-- lual_sync (plua's bundled lual): 200,000 logger:info("msg %d", i) to the
-- file arg[1] with the text presenter, synchronous. Prints the count on
-- stdout; the runner checks the file has that many lines. The submission
-- time goes to stderr as "submit_seconds S".
local lual = require("lual")
local path = assert(arg[1], "usage: lual_sync.lua LOGFILE")
local N = 200000
local clock = (_PY and _PY.get_time) or os.clock

lual.config({
  level = lual.info,
  pipelines = {
    { level = lual.info, outputs = { { lual.file, path = path } }, presenter = lual.text() },
  },
})
local logger = lual.logger("bench")

local t0 = clock()
for i = 1, N do logger:info("msg %d", i) end
io.stderr:write(string.format("submit_seconds %.6f\n", clock() - t0))
print(N)
