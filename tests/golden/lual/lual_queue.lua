-- lual async through the native queue: the same lines as sync mode for
-- every kind of message, values captured at the call, order kept between
-- records the queue writes itself and records Lua delivers, and the C++
-- formatter agreeing with string.format.
local lual = require("lual")
local native = require("lual.native")
local tmp = assert(os.getenv("TEST_TMP"), "TEST_TMP not set")

-- 1. The formatter: wherever it answers, it answers like string.format
-- (and never where string.format fails).
local convs = { "d", "i", "c", "o", "x", "X", "e", "E", "f", "g", "G", "s", "q", "a", "u" }
local flagsets = { "", "-", "+", " ", "#", "0", "-0", "+0", "#0", "00", "--", "-+ #0" }
local widths = { "", "5", "12", "123" }
local precs = { "", ".", ".0", ".3", ".123" }
local vals = { 0, -42, 123456789012, 3.0, -2.5, 1e100, 0 / 0, 1 / 0, 65, "abc", "", "12",
  "a\0b", true, false, math.mininteger, 2 ^ 63, 0.1, string.rep("x", 120) }
local answered, bad = 0, 0
for _, c in ipairs(convs) do
  for _, fl in ipairs(flagsets) do
    for _, w in ipairs(widths) do
      for _, p in ipairs(precs) do
        local f = "<%" .. fl .. w .. p .. c .. ">"
        for _, v in ipairs(vals) do
          local got = native.format(f, v)
          if got ~= nil then
            answered = answered + 1
            local ok, want = pcall(string.format, f, v)
            if not ok or got ~= want then
              bad = bad + 1
              print("formatter differs", f, tostring(v), got, ok and want or "error")
            end
          end
        end
      end
    end
  end
end
print("formatter: answered > 5000", answered > 5000, "differs", bad)

-- 2. Sync and async write the same lines. os.time is fixed so the stamps
-- compare too; the queue then takes the time from it.
local real_time = os.time
os.time = function() return 1700000000 end

local function messages(app, db, plain)
  app:info("plain")
  app:info("int %d float %s neg %d", 42, 2.5, -7)
  app:info("%5.2f|%-6s|%05d|%x|%%|%s %s %s", 3.14159, "ab", 42, 255, nil, true, false)
  app:info("string with %% and %s", "100%")
  app:info("bad %d", "notnum")
  app:info("few %s %s", 1)
  app:info(42)
  app:info()
  app:info("%q", "a\nb")
  app:info("float %d", 3.0)
  app:info("big %d", 2 ^ 63)
  app:warn({ msg = "context message", user = "ann" })
  app:warn({ user = "bob", id = 7 })
  app:error({ request = 3 }, "with %s", "format")
  app:info("table %s", setmetatable({}, { __tostring = function() return "T!" end }))
  app:log("verbose", "custom level %d", 25)
  app:log(35, "numeric level")
  db:info("child %s", "propagates")
  db:debug("filtered out")
  plain:critical("utc %s", "line")
  app:info("embedded \0 zero %s", "x\0y")
  app:info('quotes " and \\ and \t tab \r\n newline \1\31\127 del %s', "\200\255 high")
  app:info(string.rep("long ", 40) .. "%s", string.rep("z", 300))
end

local function run(async, path)
  lual.reset_config()
  lual.config({ level = lual.debug, async = async, custom_levels = { verbose = 25 }, pipelines = {
    { level = lual.info, outputs = { { lual.file, path = path } }, presenter = lual.text() },
    { level = lual.warning, outputs = { { lual.file, path = path .. ".color" } }, presenter = lual.color() },
    { level = lual.info, outputs = { { lual.file, path = path .. ".json" } }, presenter = lual.json() },
    { level = lual.error, outputs = { { lual.file, path = path .. ".pretty" } },
      presenter = lual.json({ pretty = true, timezone = lual.local_time }) },
  } })
  local app = lual.logger("app")
  local db = lual.logger("app.db")
  local plain = lual.logger("plain")
  plain:set_propagate(false)
  plain:add_output(lual.file, { path = path .. ".utc", presenter = lual.text({ timezone = lual.utc }) })
  messages(app, db, plain)
  lual.flush()
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function compare(title, a, b)
  local same = true
  for _, ext in ipairs({ "", ".color", ".json", ".pretty", ".utc" }) do
    local x, y = read(a .. ext), read(b .. ext)
    if x ~= y then
      same = false
      print(title .. ": " .. ext .. " differs")
      print(x)
      print(y)
    end
  end
  print(title .. ": same lines", same)
end

run(nil, tmp .. "/sync.log")
run({ enabled = true, batch_size = 3 }, tmp .. "/async.log")
run({ enabled = true, backend = lual.async.libuv, batch_size = 1000 }, tmp .. "/uv.log")
compare("coroutines backend", tmp .. "/sync.log", tmp .. "/async.log")
compare("libuv backend", tmp .. "/sync.log", tmp .. "/uv.log")
io.write((read(tmp .. "/async.log"):gsub("[%z\1-\9\11-\31\127-\255]",
  function(c) return "\\" .. c:byte() end)))

-- 3. The real clock: the queue stamps records itself.
os.time = real_time
run(nil, tmp .. "/sync2.log")
run({ enabled = true }, tmp .. "/async2.log")
local function unstamp(s) return (s:gsub("%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d", "STAMP")
  :gsub('"timestamp":"[^"]*"', '"timestamp":"STAMP"')) end
local same = unstamp(read(tmp .. "/sync2.log")) == unstamp(read(tmp .. "/async2.log"))
  and unstamp(read(tmp .. "/sync2.log.json")) == unstamp(read(tmp .. "/async2.log.json"))
print("real clock: same lines", same)
os.time = function() return 1700000000 end

-- 4. Values are those of the call, not of the drain.
lual.reset_config()
lual.config({ level = lual.info, async = { enabled = true, batch_size = 100 },
  pipelines = { { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc }) } } })
local log = lual.logger("capture")
local obj = setmetatable({ v = 1 }, { __tostring = function(s) return "obj" .. s.v end })
local ctx = { msg = "ctx at call", n = 1 }
local buf = { "a" }
log:info("%s", obj)
log:info(ctx)
log:info("buffer %s", table.concat(buf))
obj.v, ctx.msg, buf[1] = 2, "ctx changed", "b"
print("queued", lual.async.get_stats().queue_size)
lual.flush()

-- 5. Order holds between lines the queue writes (console, text) and
-- lines Lua delivers (a user presenter) on the same stream.
lual.reset_config()
lual.config({ level = lual.info, async = { enabled = true, batch_size = 100 } })
local fast = lual.logger("fast", { propagate = false, pipelines = {
  { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc }) } } })
local slow = lual.logger("slow", { propagate = false, pipelines = {
  { outputs = { lual.console }, presenter = function(r) return "slow: " .. r.message end } } })
for i = 1, 3 do
  fast:info("fast %d", i)
  slow:info("slow %d", i)
end
lual.flush()

-- 6. Rotation by size still works in async mode (those writes go through Lua).
lual.reset_config()
local rot = tmp .. "/rot.log"
lual.config({ level = lual.info, async = { enabled = true, batch_size = 7 },
  pipelines = { { outputs = { { lual.file, path = rot, max_size = 200, max_backups = 2 } } } } })
for i = 1, 20 do lual.logger("rot"):info("line %02d", i) end
lual.flush()
local function lines(p)
  local f = io.open(p)
  if not f then return 0 end
  local n = 0
  for _ in f:lines() do n = n + 1 end
  f:close()
  return n
end
print("rotation", lines(rot), lines(rot .. ".1"), lines(rot .. ".2"), lines(rot .. ".3"))

-- 7. A closed output stream: counted as backend errors, logging goes on.
lual.reset_config()
local closed = assert(io.open(tmp .. "/closed.log", "w"))
lual.config({ level = lual.info, async = { enabled = true, batch_size = 100 }, pipelines = {
  { outputs = { { lual.console, stream = closed } }, presenter = lual.text() } } })
lual.logger("c"):info("before close")
lual.flush()
closed:close()
lual.logger("c"):info("after close %d", 1)
lual.logger("c"):info("after close %d", 2)
lual.flush()
local s = lual.async.get_stats()
print("closed stream", read(tmp .. "/closed.log"):match("before close") ~= nil,
  "processed", s.messages_processed, "errors", s.backend_stats.backend_errors,
  "restarts", s.worker_restarts, s.worker_status)
lual.reset_config()
