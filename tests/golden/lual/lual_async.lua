-- lual async: coroutine backend stats, overflow strategies, worker restart
-- with sync fallback, backend_errors.
os.time = function() return 1700000000 end
local lual = require("lual")
local lines = {}
local function sink(record) lines[#lines + 1] = record.presented_message end
local function show(title)
  local s = lual.async.get_stats()
  print(string.format("%s: enabled=%s backend=%s queue=%d submitted=%d processed=%d dropped=%d overflows=%d restarts=%d errors=%d status=%s lines=%d",
    title, tostring(s.enabled), s.backend, s.queue_size, s.messages_submitted, s.messages_processed, s.messages_dropped,
    s.queue_overflows, s.worker_restarts, s.backend_stats.backend_errors, s.worker_status, #lines))
end
local function setup(async)
  lual.reset_config()
  lines = {}
  lual.config({ level = lual.info, async = async,
    pipelines = { { outputs = { sink }, presenter = lual.text({ timezone = lual.utc }) } } })
end
local log = lual.logger("async")

setup({ enabled = true, batch_size = 4, flush_interval = 0.05 })
local s = lual.async.get_stats()
print(s.batch_size, s.flush_interval, s.max_queue_size, s.overflow_strategy, lual.async.coroutines, lual.async.block)
for i = 1, 6 do log:info("m%d", i) end
show("after 6 (batch of 4 ran)")
_PY.sleep(0.12)
show("after flush_interval")
print(lines[1]); print(lines[6])

for _, strategy in ipairs({ "drop_oldest", "drop_newest", "block" }) do
  setup({ enabled = true, batch_size = 100, max_queue_size = 5, overflow_strategy = strategy, backend = "libuv" })
  for i = 1, 12 do log:info("%s %d", strategy, i) end
  lual.flush()
  show(strategy)
  local got = {}
  for i, l in ipairs(lines) do got[i] = l:match("(%d+)$") end
  print("  kept: " .. table.concat(got, ","))
end

-- block from a context that cannot yield: drained synchronously
setup({ enabled = true, batch_size = 100, max_queue_size = 1, overflow_strategy = "block" })
table.sort({ 3, 2, 1 }, function(a, b)
  log:info("from comparator %d %d", a, b)
  return a < b
end)
lual.flush()
show("block, not yieldable")

-- an output that errors: counted, processing goes on
lual.reset_config()
lines = {}
lual.config({ level = lual.info, async = { enabled = true, batch_size = 2 }, pipelines = {
  { outputs = { function() error("disk on fire") end, sink }, presenter = lual.text() } } })
for i = 1, 5 do log:info("e%d", i) end
lual.flush()
show("failing output")

-- a presenter that errors kills the worker: restarts with backoff, then
-- synchronous fallback after 5 restarts (reported once on stderr)
lual.reset_config()
lines = {}
local calls = 0
lual.config({ level = lual.info, async = { enabled = true, batch_size = 1 }, pipelines = {
  { outputs = { sink }, presenter = function(r)
      calls = calls + 1
      if r.message:find("bad") then error("presenter broke") end
      return r.message
    end } } })
log:info("good 1")
log:info("bad 1")
show("after first failure")
_PY.sleep(0.05)
log:info("good 2")
for i = 2, 7 do log:info("bad %d", i) end
lual.flush()
log:info("good 3 (synchronous now)")
show("fallback")
print(table.concat(lines, " "))
