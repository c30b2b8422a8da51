-- The async "libuv" backend writes files from a writer thread: 20,000
-- messages reach the file by exit without an explicit flush, and a failing
-- disk (/dev/full) is counted in backend_errors while logging goes on.
local lual = require("lual")
local path = os.getenv("TEST_TMP") .. "/libuv.log"
lual.config({
  level = lual.info,
  pipelines = {{ outputs = {{ lual.file, path = path }}, presenter = lual.text() }},
  async = { enabled = true, backend = lual.async.libuv },
})
local log = lual.logger("uv")
for i = 1, 20000 do log:info("line %d", i) end
print("backend", lual.async.get_stats().backend)

lual.reset_config()
lual.config({
  level = lual.info,
  pipelines = {{ outputs = {{ lual.file, path = "/dev/full" }}, presenter = lual.text() }},
  async = { enabled = true, backend = "libuv" },
})
lual.logger("full"):error("this write fails")
lual.flush()
print("backend_errors > 0", lual.async.get_stats().backend_stats.backend_errors > 0)
