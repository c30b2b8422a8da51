-- lual_mem (plua's bundled lual): bytes per queued message. 100,000 async
-- messages are queued with a queue big enough to hold them and a worker
-- that never runs before they are all queued (no explicit flush; plua
-- writes them to arg[1] at exit). Growth of VmRSS after a full GC,
-- divided by N, goes to stderr as "bytes_per_msg B".
local lual = require("lual")
local path = assert(arg[1], "usage: lual_mem.lua LOGFILE")
local N = 100000

local function rss_kib()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)")) or 0
end

lual.config({
  level = lual.info,
  pipelines = {
    { level = lual.info, outputs = { { lual.file, path = path } }, presenter = lual.text() },
  },
  async = {
    enabled = true,
    batch_size = 2 * N,
    max_queue_size = 2 * N,
    flush_interval = 3600,
  },
})
local logger = lual.logger("bench")
logger:info("warm-up %d", 0) -- first message: lazy set-up is not per message

collectgarbage("collect")
local before = rss_kib()
for i = 1, N do logger:info("msg %d", i) end
collectgarbage("collect")
local after = rss_kib()
io.stderr:write(string.format("bytes_per_msg %.1f\n", (after - before) * 1024 / N))
print(N + 1)
