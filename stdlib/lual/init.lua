-- lual for plua: the public API of the lual logging library (v1.0.x),
-- written for plua. Loggers form a dot hierarchy under "_root"; each logger
-- has pipelines (outputs + presenter + transformers). Async mode queues
-- events in a ring buffer drained by a worker coroutine.
local levels = require("lual.levels")
local C = require("lual.constants")
local comp = require("lual.components")

local lual = {}
for k, v in pairs(C) do lual[k] = v end
lual.levels = levels.definition

local type, select, pcall, tostring, sformat = type, select, pcall, tostring, string.format
local co_create, co_resume, co_running = coroutine.create, coroutine.resume, coroutine.running
local unpack = table.unpack

local LV = levels.definition
local gen = 0                  -- bumped on any level/tree change: invalidates cached effective levels
local loggers = {}
local root

---------------------------------------------------------------------------
-- Configuration validation helpers
local cfg_prefix = "Invalid configuration: "   -- "Invalid logger configuration: " for lual.logger
local function cfg_error(msg) error(cfg_prefix .. msg, 0) end

local function check_type(where, key, value, expected)
  local t = type(value)
  if t ~= expected then
    cfg_error(sformat("Invalid type for '%s%s': expected %s, got %s", where, key, expected, t))
  end
end

local function level_value(where, key, v)
  if type(v) == "string" then
    local r = levels.resolve(v)
    if not r then cfg_error(sformat("Unknown level '%s' for '%s%s'", v, where, key)) end
    return r
  end
  check_type(where, key, v, "number")
  return v
end

-- The `level` of a logger or of the root, checked as lual checks it: a
-- number that is a built-in or custom level (plua also takes level names).
local function known_level(v)
  for _, x in pairs(levels.get_all_levels()) do if x == v then return true end end
  return false
end

local function valid_levels_text()
  local all, parts = levels.get_all_levels(), {}
  for name, v in pairs(all) do parts[#parts + 1] = { name, v } end
  table.sort(parts, function(a, b) return a[2] < b[2] or (a[2] == b[2] and a[1] < b[1]) end)
  for i, e in ipairs(parts) do parts[i] = sformat("%s(%d)", e[1], e[2]) end
  return table.concat(parts, ", ")
end

local function logger_level_value(v, is_root)
  local r = type(v) == "string" and levels.resolve(v) or v
  if type(r) ~= "number" then
    cfg_error(sformat("Invalid type for 'level': expected number, got %s. Logging level (use lual.DEBUG, lual.INFO, etc.)",
      type(v)))
  end
  if not known_level(r) then
    cfg_error(sformat("Invalid level value %s. Valid levels are: %s", tostring(v), valid_levels_text()))
  end
  if is_root and r == LV.NOTSET then cfg_error("Root logger level cannot be set to NOTSET") end
  return r
end

local function check_propagate(v)
  if type(v) ~= "boolean" then
    cfg_error(sformat("Invalid type for 'propagate': expected boolean, got %s. Whether to propagate messages (always true for root)",
      type(v)))
  end
end

local function is_callable(v)
  if type(v) == "function" then return true end
  local mt = type(v) == "table" and getmetatable(v)
  return mt and mt.__call ~= nil or false
end

-- Component: function | callable | { function, key = value... } | { function, {config} }
local function normalize_component(where, c)
  if is_callable(c) and not (type(c) == "table" and c[1] ~= nil and is_callable(c[1])) then
    return c, {}
  end
  if type(c) == "table" and is_callable(c[1]) then
    local cfg = {}
    if type(c[2]) == "table" then for k, v in pairs(c[2]) do cfg[k] = v end end
    for k, v in pairs(c) do if type(k) ~= "number" then cfg[k] = v end end
    return c[1], cfg
  end
  cfg_error(where .. ": component must be a function or a table with a function as first element")
end

local function make_output(where, c)
  local fn, cfg = normalize_component(where, c)
  local out = { level = 0, fn = fn, config = cfg, builtin = false }
  if cfg.level ~= nil then out.level = level_value(where .. ".", "level", cfg.level) end
  if fn == comp.console then
    local stream = cfg.stream or io.stdout
    if type(stream) ~= "userdata" and type(stream) ~= "table" then
      cfg_error(sformat("Invalid type for '%s.stream': expected file handle, got %s", where, type(stream)))
    end
    out.builtin = true
    if io.type(stream) == "file" then
      out.write = function(line) stream:write(line, "\n") end
      out.target = function() return stream end
    else  -- any object with write (and flush): written and reported as lual.console does
      out.write = function(line) comp.write_to_stream(stream, line) end
    end
  elseif fn == comp.file then
    if cfg.path ~= nil then check_type(where .. ".", "path", cfg.path, "string") end
    if cfg.max_size ~= nil then check_type(where .. ".", "max_size", cfg.max_size, "number") end
    if cfg.max_backups ~= nil then check_type(where .. ".", "max_backups", cfg.max_backups, "number") end
    local writer = comp.file_writer(cfg.path or "app.log", cfg.max_size, cfg.max_backups)
    out.builtin = true
    out.write = writer.write
    out.target = writer.target
  elseif fn == comp.syslog then
    local send = comp.syslog_sender(cfg)
    out.syslog = send
  end
  return out
end

local function make_presenter(where, p)
  if p == nil then return comp.text() end
  if p == comp.text or p == comp.color or p == comp.json then return p() end
  if type(p) == "table" and p.line and getmetatable(p) then return p end
  local fn, cfg = normalize_component(where, p)
  if fn == comp.text or fn == comp.color or fn == comp.json then return fn(cfg) end
  return { user = fn, config = cfg }
end

local pipeline_keys = { level = true, outputs = true, presenter = true, transformers = true }

local function make_pipeline(where, p)
  if type(p) ~= "table" then cfg_error(sformat("Invalid type for '%s': expected table, got %s", where, type(p))) end
  for k in pairs(p) do
    if not pipeline_keys[k] then cfg_error(sformat("Unknown key '%s' in %s", tostring(k), where)) end
  end
  local pl = { level = 0, outputs = {}, transformers = {} }
  if p.level ~= nil then pl.level = level_value(where .. ".", "level", p.level) end
  if p.outputs == nil then cfg_error(where .. " must have an 'outputs' table") end
  check_type(where .. ".", "outputs", p.outputs, "table")
  if #p.outputs == 0 then cfg_error(where .. ".outputs must not be empty") end
  for i, o in ipairs(p.outputs) do pl.outputs[i] = make_output(sformat("%s.outputs[%d]", where, i), o) end
  pl.presenter = make_presenter(where .. ".presenter", p.presenter)
  if p.transformers ~= nil then
    check_type(where .. ".", "transformers", p.transformers, "table")
    for i, t in ipairs(p.transformers) do
      local fn, cfg = normalize_component(sformat("%s.transformers[%d]", where, i), t)
      if fn == comp.noop then fn = comp.noop(cfg) end
      pl.transformers[i] = { fn = fn, config = cfg }
    end
  end
  pl.fast = #pl.transformers == 0 and pl.presenter.line ~= nil
  pl.source = p
  return pl
end

local function make_pipelines(where, list)
  check_type("", where, list, "table")
  local out = {}
  for i, p in ipairs(list) do out[i] = make_pipeline(sformat("%s[%d]", where, i), p) end
  return out
end

-- What get_config() shows of pipelines, in lual's normalised form:
-- outputs as { func = f, config = {...} }, the rest as configured.
local function pipelines_view(list)
  local view = {}
  for i, pl in ipairs(list) do
    local src = pl.source
    local outs = {}
    for j, o in ipairs(pl.outputs) do
      local cfg = {}
      for k, v in pairs(o.config) do cfg[k] = v end
      outs[j] = { func = o.fn, config = cfg }
    end
    view[i] = { level = src.level, outputs = outs, presenter = src.presenter or pl.presenter,
      transformers = src.transformers }
  end
  return view
end

---------------------------------------------------------------------------
-- Loggers
local Logger = {}      -- the methods
local root_level = LV.WARNING   -- the root's configured level, which a root set to NOTSET stands for

-- Every logger's metatable. Its `level` lives in `_level`, so that
-- assigning it (logger.level = lual.debug, as lual's users do) comes here
-- and invalidates the cached effective levels; __index (the methods and
-- reading `level`) is set with the methods, below.
local logger_mt = {}
logger_mt.__newindex = function(lg, key, v)
  if key ~= "level" then return rawset(lg, key, v) end
  rawset(lg, "_level", v)
  if lg == root and v ~= LV.NOTSET then root_level = v end
  gen = gen + 1
end

local function effective_level(lg)
  if lg._gen == gen then return lg._eff end
  local l, lvl = lg, lg.level
  while lvl == LV.NOTSET do
    l = rawget(l, "parent")
    if not l then lvl = root_level; break end
    lvl = l.level
  end
  lg._eff, lg._gen = lvl, gen
  return lvl
end

-- Every logger gets a number for the async queue, which stores that
-- instead of the logger (logger_by_id maps it back).
local logger_by_id = {}

local function new_logger(name, parent)
  local id = #logger_by_id + 1
  local lg = setmetatable({ name = name, parent = parent, _level = parent and LV.NOTSET or LV.WARNING,
    pipelines = {}, propagate = true, _gen = -1, _eff = 0, _qid = id }, logger_mt)
  logger_by_id[id] = lg
  return lg
end

local function default_pipelines()
  return { make_pipeline("pipelines[1]", { outputs = { comp.console }, presenter = comp.text() }) }
end

---------------------------------------------------------------------------
-- Delivery: format the message and run it through the logger chain.
local processing = false       -- true while the async worker delivers
local in_worker_error          -- set by outputs failing inside the worker
local astats                   -- async statistics (defined below)

-- Failures are reported as lual reports them: on stderr when logging
-- synchronously, counted as backend errors in the async worker.
local function output_failed(err)
  if processing then
    astats.backend_errors = astats.backend_errors + 1
  else
    io.stderr:write("Error outputting log record: ", tostring(err), "\n")
  end
end

-- (in the async worker a failing presenter fails the worker, which is
-- restarted and, after 5 failures, replaced by synchronous writes)
local function presenter_failed(err)
  if processing then error(err, 0) end
  io.stderr:write("LUAL: Error in presenter function: ", tostring(err), "\n")
end

-- A context table without a format string: its `msg` field is the message.
local function context_message(ctx)
  local m = ctx.msg
  if m == nil then return "" end
  return tostring(m)
end

-- The message of logger:info(fmt, ...) (see components.format_message)
local format_message = comp.format_message

-- Where the script called the logger: the first Lua frame above lual's
-- own chunks (bundled as "[plua]/lual/..."), as lual's records carry it.
-- Messages the async worker delivers were called from elsewhere: no site.
local getinfo = debug.getinfo
local function script_frame()
  for lvl = 2, 20 do
    local info = getinfo(lvl, "Sl")
    if not info then return nil end
    if info.what ~= "C" and not info.source:find("[plua]/lual/", 1, true) then return info end
  end
  return nil
end

local function call_site()
  if processing then return nil end
  local info = script_frame()
  if not info then return nil end
  local src = info.source
  if src:byte(1) == 64 then src = src:sub(2) else src = info.short_src end  -- 64: "@"
  return src, info.currentline
end

-- The record outputs, transformers and presenters other than the built-in
-- ones get, with lual's fields: message_fmt is the format as a string
-- ("" for none), args the packed arguments.
local function build_record(src, lv, lname, t, msg, ctx, fmt, n, ...)
  if fmt == nil then fmt = "" elseif type(fmt) ~= "string" then fmt = tostring(fmt) end
  local filename, lineno = call_site()
  return {
    level_no = lv, level_name = lname, message = msg, message_fmt = fmt,
    args = table.pack(...), context = ctx, timestamp = t, logger_name = src.name,
    source_logger_name = src.name, formatted_message = msg, filename = filename, lineno = lineno,
  }
end

-- The record a user output gets, as in lual: a copy whose `message` is the
-- presented line, with the owning logger's name, level and propagate flag.
local function output_record(rec, line, owner, pl)
  local r = {}
  for k, v in pairs(rec) do r[k] = v end
  r.presented_message, r.message = line, line
  r.owner_logger_name, r.owner_logger_level, r.owner_logger_propagate = owner.name, owner.level, owner.propagate
  r.pipeline_level = pl.level
  return r
end

-- A transformer that fails stops its pipeline (silently, as in lual); a
-- presenter that fails is reported and stops it too.
local function run_pipeline(pl, owner, src, lv, lname, t, msg, ctx, rec_base)
  local rec = {}
  for k, v in pairs(rec_base) do rec[k] = v end
  rec.owner_logger_name = owner.name
  rec.pipeline_level = pl.level
  for _, tr in ipairs(pl.transformers) do
    local ok, r = pcall(tr.fn, rec, tr.config)
    if not ok then return end
    if type(r) == "table" then rec = r end
  end
  local pres = pl.presenter
  local ok, line
  if pres.line then
    ok, line = pcall(pres.line, rec.timestamp, rec.level_name, rec.level_no, rec.logger_name, rec.message, rec.context)
  else
    ok, line = pcall(pres.user, rec, pres.config)
  end
  if not ok then return presenter_failed(line) end
  local text = rec.message
  for _, o in ipairs(pl.outputs) do
    if lv >= o.level then
      local err
      if o.write then ok, err = pcall(o.write, line)
      elseif o.syslog then ok, err = pcall(o.syslog, lv, rec.timestamp, text)
      else ok, err = pcall(o.fn, output_record(rec, line, owner, pl), o.config) end
      if not ok then output_failed(err) end
    end
  end
end

-- dispatch(src, level, time, message, context, fmt, n, ...): one formatted
-- message through the logger chain. Pipelines without transformers and
-- with a built-in presenter take the short way (a line per pipeline);
-- the others, and every message with a context table, get a record.
local function dispatch(src, lv, t, msg, ctx, fmt, n, ...)
  local lname = levels.get_level_name(lv)
  local lg = src
  local base
  while lg do
    if lv >= effective_level(lg) then
      local pls = lg.pipelines
      for i = 1, #pls do
        local pl = pls[i]
        if lv >= pl.level then
          if pl.fast and ctx == nil then
            local line = pl.presenter.line(t, lname, lv, src.name, msg, nil)
            local outs = pl.outputs
            for j = 1, #outs do
              local o = outs[j]
              if lv >= o.level then
                if o.builtin and not processing then
                  o.write(line)
                elseif o.builtin then  -- in the async worker: count, go on
                  local ok, err = pcall(o.write, line)
                  if not ok then output_failed(err) end
                else
                  local ok, err
                  if o.syslog then
                    ok, err = pcall(o.syslog, lv, t, msg)
                  else
                    base = base or build_record(src, lv, lname, t, msg, nil, fmt, n, ...)
                    ok, err = pcall(o.fn, output_record(base, line, lg, pl), o.config)
                  end
                  if not ok then output_failed(err) end
                end
              end
            end
          else
            base = base or build_record(src, lv, lname, t, msg, ctx, fmt, n, ...)
            run_pipeline(pl, lg, src, lv, lname, t, msg, ctx, base)
          end
        end
      end
    end
    if not lg.propagate then break end
    lg = rawget(lg, "parent")  -- root has none: a plain read would miss into Logger's __index
  end
end

local function deliver_ctx(src, lv, t, ctx, n, f, ...)
  return dispatch(src, lv, t, format_message(f, n, ...), ctx, f, n, ...)
end

-- deliver(logger, level, time, fmt_or_context, n, ...)
local function deliver(src, lv, t, fmt, n, ...)
  if type(fmt) == "table" then
    if n == 0 or type((...)) ~= "string" then
      return dispatch(src, lv, t, context_message(fmt), fmt, nil, 0)
    end
    return deliver_ctx(src, lv, t, fmt, n - 1, ...)
  end
  return dispatch(src, lv, t, format_message(fmt, n, ...), nil, fmt, n, ...)
end

-- An async message whose arguments the native queue cannot copy (a context
-- table, tables or other objects as arguments): captured now as an entry
-- with its message already formatted and a copy of the context, so that
-- what is logged is what the values were at the call, as in sync mode.
local function capture(t, fmt, n, ...)
  local e
  if type(fmt) == "table" then
    local ctx = {}
    for k, v in pairs(fmt) do ctx[k] = v end
    if n == 0 or type((...)) ~= "string" then
      e = { n = 0, msg = context_message(ctx), ctx = ctx }
    else
      local f = ...
      e = table.pack(select(2, ...))
      e.msg, e.ctx, e.fmt = format_message(f, n - 1, select(2, ...)), ctx, f
    end
  else
    e = table.pack(...)
    e.msg, e.fmt = format_message(fmt, n, ...), fmt
  end
  e.t = t
  return e
end

local function deliver_entry(lg, lv, e)
  return dispatch(lg, lv, e.t, e.msg, e.ctx, e.fmt, e.n, unpack(e, 1, e.n))
end

---------------------------------------------------------------------------
-- Async queue: a native ring of records (lual.native.queue: logger id,
-- level, time, format and a packed copy of the arguments, ~48 bytes for
-- "msg %d"). The worker drains it in batches; records whose route is
-- known to be plain (built-in presenter, file or console outputs) are
-- formatted and written by the queue itself, the others come back to Lua.
local native = require("lual.native")

-- The native queue's codes (lual.native.codes, native_queue_lua.cpp), as
-- compile-time constants so the hot paths compare against immediates.
local PUSH_QUEUED <const>, PUSH_BATCH_READY <const>, PUSH_FULL <const>, PUSH_NEEDS_ENTRY <const> = 0, 1, 2, 3
local DRAINED <const>, DRAIN_NEEDS_ROUTE <const>, DRAIN_NEEDS_LUA <const> = 0, 1, 2
do
  local c = native.codes
  assert(c.queued == PUSH_QUEUED and c.batch_ready == PUSH_BATCH_READY and c.full == PUSH_FULL
    and c.needs_entry == PUSH_NEEDS_ENTRY and c.drained == DRAINED and c.needs_route == DRAIN_NEEDS_ROUTE
    and c.needs_lua == DRAIN_NEEDS_LUA, "lual.native.codes changed: update lual/init.lua")
end
local A = {}
local function async_defaults()
  return { enabled = false, backend = "coroutines", batch_size = 50, flush_interval = 1.0,
    max_queue_size = 10000, overflow_strategy = "drop_oldest" }
end
A.cfg = async_defaults()
lual.async = {
  coroutines = "coroutines", libuv = "libuv",
  drop_oldest = "drop_oldest", drop_newest = "drop_newest", block = "block",
  defaults = async_defaults(),
}

local Q                        -- the queue while async is on
local qpush, qdrain            -- its bound push(id, lv, t, fmt, ...) and drain(max)
local route_gen, route_levels = -1, -1   -- what the queue's routes were computed for
local async_on = false
local batch_size = 50
local worker, worker_failures, backoff_timer, fallback = nil, 0, nil, false
local fallback_reported = false
local flush_timer

local function reset_stats()
  astats = { queue_overflows = 0, worker_restarts = 0, messages_submitted = 0,
    messages_processed = 0, messages_dropped = 0, backend_errors = 0, batches_processed = 0,
    last_flush_time = nil }
  if Q then Q:reset_stats() end
end
reset_stats()

local function now()
  if _PY and _PY.get_time then return _PY.get_time() end
  return os.time()
end

-- Submission time: the queue reads the clock itself unless os.time has
-- been replaced (then the replacement is called, as in sync mode).
local os_lib = os
local real_time = os.time
if type(real_time) ~= "function" or debug.getinfo(real_time, "S").what ~= "C" then real_time = nil end
local function time_arg()
  local tf = os_lib.time
  if tf == real_time then return nil end
  return tf()
end

-- Routes: for a (logger, level), the lines the queue writes by itself, or
-- "slow" when any pipeline or output on the way needs Lua.
local function compute_route(id, lv)
  local src = logger_by_id[id]
  local lname = levels.get_level_name(lv)
  local emits = {}
  local lg = src
  while lg do
    if lv >= effective_level(lg) then
      for _, pl in ipairs(lg.pipelines) do
        if lv >= pl.level then
          local spec = pl.fast and pl.presenter.native
          if not spec then return Q:set_route(id, lv, true) end
          local mid = spec.mid(lname, src.name, lv)
          for _, o in ipairs(pl.outputs) do
            if lv >= o.level then
              local ok, target = false, nil
              if o.builtin and o.target then ok, target = pcall(o.target) end
              if not ok or not target then return Q:set_route(id, lv, true) end
              emits[#emits + 1] = { spec, mid, target }
            end
          end
        end
      end
    end
    if not lg.propagate then break end
    lg = lg.parent
  end
  Q:set_route(id, lv, false)
  for _, e in ipairs(emits) do
    local spec = e[1]
    if not Q:add_emit(id, lv, spec.stamp, spec.json, spec.pre, e[2], spec.post, e[3]) then return end
  end
end

-- drain(max) with routes kept current: -> done, stop (see native_queue_lua.cpp)
local function drain_some(max)
  if route_gen ~= gen or route_levels ~= levels.version then
    Q:clear_routes()
    route_gen, route_levels = gen, levels.version
  end
  local done, stop = qdrain(max)
  if done > 0 then astats.messages_processed = astats.messages_processed + done end
  if stop == DRAIN_NEEDS_ROUTE then compute_route(Q:front()) end
  return done, stop
end

-- A record the queue hands back (q:pop()), delivered by Lua.
local function process_popped(id, lv, t, fmt, n, ...)
  local lg = logger_by_id[id]
  if t == false then deliver_entry(lg, lv, fmt)
  else deliver(lg, lv, t, fmt, n, ...) end
  astats.messages_processed = astats.messages_processed + 1
end

local function worker_main()
  while true do
    local n = Q:size()
    if n > batch_size then n = batch_size end
    while n > 0 do
      local done, stop = drain_some(n)
      n = n - done
      if stop == DRAIN_NEEDS_LUA then
        astats.messages_dropped = astats.messages_dropped + 1   -- undone on success
        process_popped(Q:pop())
        astats.messages_dropped = astats.messages_dropped - 1
        n = n - 1
      elseif stop == DRAINED and done == 0 then
        break
      end
    end
    astats.batches_processed = astats.batches_processed + 1
    astats.last_flush_time = now()
    -- finished when the queue is empty (a suspended worker would outlive
    -- the script); otherwise yield between batches
    if Q:size() == 0 then return end
    coroutine.yield()
  end
end

-- Synchronous processing (fallback mode): every event protected.
local function sync_drain()
  processing = true
  while Q and Q:size() > 0 do
    local done, stop = drain_some(Q:size())
    if stop == DRAIN_NEEDS_LUA then
      local ok = pcall(process_popped, Q:pop())
      if not ok then
        astats.backend_errors = astats.backend_errors + 1
        astats.messages_dropped = astats.messages_dropped + 1
      end
    elseif stop == DRAINED and done == 0 then
      break
    end
  end
  processing = false
  astats.last_flush_time = now()
end

local function worker_failed(err)
  worker = nil
  worker_failures = worker_failures + 1
  if worker_failures > 5 then
    fallback = true
    if not fallback_reported then
      fallback_reported = true
      io.stderr:write("lual: async worker failed after 5 restarts (", tostring(err),
        "); falling back to synchronous logging\n")
    end
    sync_drain()
    return
  end
  astats.worker_restarts = worker_failures
  if setTimeout then
    local delay = math.min(1000, 10 * 2 ^ (worker_failures - 1))
    backoff_timer = setTimeout(function()
      backoff_timer = nil
      if Q and Q:size() > 0 and async_on then A.run_worker() end
    end, delay)
    if _PY and _PY.unref then _PY.unref(backoff_timer) end
  end
end

function A.run_worker(force)
  if fallback then return sync_drain() end
  if backoff_timer then
    if not force then return end
    if clearTimeout then clearTimeout(backoff_timer) end
    backoff_timer = nil
  end
  if processing then return end
  if not worker then worker = co_create(worker_main) end
  processing = true
  local ok, err = co_resume(worker)
  processing = false
  if not ok then worker_failed(err)
  elseif coroutine.status(worker) == "dead" then worker = nil end
end

local function drain_all()
  while Q and Q:size() > 0 do
    if processing then return end
    A.run_worker(true)
  end
end
A.drain_all = drain_all

-- The queue is full and the strategy is "block": never drop. A task that
-- can yield waits for the worker; elsewhere the queue is drained here, and
-- inside the worker itself the message is written through.
local drain_scheduled = false
local function block_submit(lg, lv, t, e, fmt, ...)
  Q:count(0, 1)
  local cap = A.cfg.max_queue_size
  if coroutine.isyieldable() and _PY and _PY.sleep and setTimeout and not processing then
    while Q and Q:size() >= cap do
      if not drain_scheduled then
        drain_scheduled = true
        setTimeout(function() drain_scheduled = false; drain_all() end, 0)
      end
      _PY.sleep(0)
    end
  else
    while Q:size() >= cap and not processing do A.run_worker(true) end
    if Q:size() >= cap then
      Q:count(1, 0)
      astats.messages_processed = astats.messages_processed + 1
      if e then return deliver_entry(lg, lv, e) end
      return deliver(lg, lv, t or os.time(), fmt, select("#", ...), ...)
    end
  end
  if not Q then  -- async was switched off meanwhile
    if e then return deliver_entry(lg, lv, e) end
    return deliver(lg, lv, t or os.time(), fmt, select("#", ...), ...)
  end
  local r
  if e then r = Q:push_entry(lg._qid, lv, e) else r = qpush(lg._qid, lv, t, fmt, ...) end
  if r == PUSH_BATCH_READY and not processing then A.run_worker() end
end

-- What the level methods do when push did not simply queue (r ~= PUSH_QUEUED).
local function submitted(r, lg, lv, t, fmt, ...)
  if r == PUSH_NEEDS_ENTRY then
    local e = capture(t or os.time(), fmt, select("#", ...), ...)
    r = Q:push_entry(lg._qid, lv, e)
    if r == PUSH_FULL then return block_submit(lg, lv, t, e) end
  elseif r == PUSH_FULL then
    return block_submit(lg, lv, t, nil, fmt, ...)
  end
  if r == PUSH_BATCH_READY and not processing then A.run_worker() end
end

local function stop_timer()
  if flush_timer then clearInterval(flush_timer); flush_timer = nil end
end

local function start_timer()
  stop_timer()
  if not setInterval then return end
  flush_timer = setInterval(function()
    if Q and Q:size() > 0 and not processing then
      while Q and Q:size() > 0 and not processing and not backoff_timer do A.run_worker() end
    end
  end, A.cfg.flush_interval * 1000)
  if _PY and _PY.unref then _PY.unref(flush_timer) end
end

local function apply_async(cfg)
  drain_all()
  comp.set_native_files(cfg.enabled and cfg.backend == "libuv")
  A.cfg = cfg
  async_on = cfg.enabled
  batch_size = cfg.batch_size
  if Q then  -- the old queue's counts stay in the statistics
    local sub, ovf, drp = Q:stats()
    astats.messages_submitted = astats.messages_submitted + sub
    astats.queue_overflows = astats.queue_overflows + ovf
    astats.messages_dropped = astats.messages_dropped + drp
  end
  if async_on then
    Q = native.queue(cfg.max_queue_size, cfg.batch_size, cfg.overflow_strategy)
    qpush, qdrain = Q:pusher(), Q:drainer()
  else
    Q, qpush, qdrain = nil, nil, nil
  end
  route_gen = -1
  worker, worker_failures, fallback = nil, 0, false
  if backoff_timer then clearTimeout(backoff_timer); backoff_timer = nil end
  if async_on then start_timer() else stop_timer() end
end

local function flush_files()
  for _, w in pairs(comp.open_files) do w.flush() end
  io.stdout:flush()
end

function lual.flush()
  drain_all()
  flush_files()
end

-- Failed background writes of the libuv backend's file sinks.
local function sink_errors()
  local n = 0
  for _, w in pairs(comp.open_files) do n = n + w.errors() end
  return n
end

function lual.async.get_stats()
  local c = A.cfg
  local sub, ovf, drp = 0, 0, 0
  if Q then sub, ovf, drp = Q:stats() end
  local status
  if not async_on then status = "stopped"
  elseif fallback then status = "fallback"
  elseif backoff_timer then status = "restarting"
  elseif processing then status = "processing"
  else status = "running" end
  return {
    enabled = async_on, backend = c.backend, queue_size = Q and Q:size() or 0, batch_size = c.batch_size,
    flush_interval = c.flush_interval, max_queue_size = c.max_queue_size,
    overflow_strategy = c.overflow_strategy, worker_status = status,
    last_flush_time = astats.last_flush_time, queue_overflows = astats.queue_overflows + ovf,
    worker_restarts = astats.worker_restarts, messages_submitted = astats.messages_submitted + sub,
    messages_processed = astats.messages_processed, messages_dropped = astats.messages_dropped + drp,
    sync_fallback = fallback,
    backend_stats = { worker_restarts = astats.worker_restarts, backend_errors = astats.backend_errors + sink_errors(),
      batches_processed = astats.batches_processed, backend = c.backend },
  }
end
lual.async.flush = lual.flush
function lual.async.reset_stats() reset_stats() end

if _PY and _PY.on_exit then
  _PY.on_exit(function()
    local ok, err = pcall(drain_all)
    if not ok then io.stderr:write("lual: flush at exit failed: ", tostring(err), "\n") end
    flush_files()
    if worker and not processing then coroutine.close(worker); worker = nil end
  end)
end

---------------------------------------------------------------------------
-- Live level (environment variable) and command-line verbosity
local live = nil   -- { env_var, check_interval, countdown, last }

local function live_check()
  local v = os.getenv(live.env_var)
  if v ~= live.last then
    live.last = v
    if v and v ~= "" then
      local n = tonumber(v) or levels.resolve(v)
      if n then root.level = n; gen = gen + 1 end
    end
  end
end

local function live_tick()
  local c = live.countdown - 1
  if c <= 0 then
    live.countdown = live.check_interval
    live_check()
  else
    live.countdown = c
  end
end

local default_mapping = { v = "warning", vv = "info", vvv = "debug", verbose = "info",
  quiet = "error", silent = "critical" }

local function detect_cli_level(mapping)
  local args = _G.arg
  if type(args) ~= "table" then return nil end
  local found
  local function try(name)
    local _, v = levels.get_level_by_name(name)
    if v then found = v end
  end
  for _, a in ipairs(args) do
    if type(a) == "string" then
      if a:sub(1, 2) == "--" then
        local flag = a:sub(3)
        local k, val = flag:match("^([^=]+)=(.+)$")
        if k then try(val)
        elseif mapping[flag] then try(mapping[flag]) end
      elseif a:sub(1, 1) == "-" then
        local flag = a:sub(2)
        if mapping[flag] then try(mapping[flag]) end
      end
    end
  end
  return found
end

---------------------------------------------------------------------------
-- Logger methods
local function emit(lg, lv, fmt, ...)
  if qpush and not processing then
    local t = time_arg()
    local r = qpush(lg._qid, lv, t, fmt, ...)
    if r ~= PUSH_QUEUED then return submitted(r, lg, lv, t, fmt, ...) end
    return
  end
  return deliver(lg, lv, os.time(), fmt, select("#", ...), ...)
end

-- The hot path: level check, then (async) one native push that copies the
-- arguments, or (sync) delivery now. Bound to a logger (see logger_mt),
-- the method also takes lual's dot call, logger.info(fmt, ...).
local level_of = setmetatable({}, { __mode = "k" })   -- unbound level method -> its level
local function level_method(lv, bound)
  local method
  method = function(self, fmt, ...)
    if bound and self ~= bound then return method(bound, self, fmt, ...) end
    if live then live_tick() end
    local eff = (self._gen == gen) and self._eff or effective_level(self)
    if lv < eff then return end
    if qpush and not processing then
      local t
      local tf = os_lib.time
      if tf ~= real_time then t = tf() end
      local r = qpush(self._qid, lv, t, fmt, ...)
      if r ~= PUSH_QUEUED then return submitted(r, self, lv, t, fmt, ...) end
      return
    end
    return deliver(self, lv, os.time(), fmt, select("#", ...), ...)
  end
  if not bound then level_of[method] = lv end
  return method
end
Logger.debug = level_method(LV.DEBUG)
Logger.info = level_method(LV.INFO)
Logger.warning = level_method(LV.WARNING)
Logger.warn = Logger.warning
Logger.error = level_method(LV.ERROR)
Logger.critical = level_method(LV.CRITICAL)

function Logger:log(level, ...)
  local lv = level
  if type(level) == "string" then
    lv = levels.resolve(level)
    if not lv then error("Unknown level name: " .. level, 2) end
  elseif type(level) ~= "number" then
    error("Log level must be a number or string, got " .. type(level), 2)
  end
  if live then live_tick() end
  if lv < effective_level(self) then return end
  return emit(self, lv, ...)
end

-- Methods named after levels, as lual has them: logger:verbose(...) for a
-- custom level "verbose", logger:none(...), logger:notset(...). Looked up
-- only when a key is not a method; one function per level value, kept
-- until the set of levels changes.
-- Field reads that miss (root's `parent`, on every message) come here too:
-- a key found not to be a level name is remembered until levels change.
local level_methods, level_methods_version = {}, -1
local not_a_level = {}  -- key -> levels.version it was checked against
setmetatable(Logger, { __index = function(_, key)
  if type(key) ~= "string" or not_a_level[key] == levels.version then return nil end
  local _, lv = levels.get_level_by_name(key)
  if not lv then
    not_a_level[key] = levels.version
    return nil
  end
  if level_methods_version ~= levels.version then
    level_methods, level_methods_version = {}, levels.version
  end
  local f = level_methods[lv]
  if not f then
    f = level_method(lv)
    level_methods[lv] = f
  end
  return f
end })

-- Methods read from a logger are bound to it, so that lual's dot calls
-- work too: logger.set_level(lual.debug) as logger:set_level(lual.debug).
-- A bound method is kept in the logger, so later reads are plain field
-- hits; level methods check their first argument inline (one comparison
-- on the colon call). Methods named after custom levels are kept in the
-- logger's _custom table until the set of levels changes.
local function bind(lg, m)
  return function(a, ...)
    if a == lg then return m(lg, ...) end
    return m(lg, a, ...)
  end
end
logger_mt.__index = function(lg, key)
  if key == "level" then return rawget(lg, "_level") end
  local m = Logger[key]
  if type(m) ~= "function" then return m end
  local lv = level_of[m]
  if rawget(Logger, key) ~= nil then
    local b = lv and level_method(lv, lg) or bind(lg, m)
    rawset(lg, key, b)
    return b
  end
  local cache = rawget(lg, "_custom")
  if not cache or cache.version ~= levels.version then
    cache = { version = levels.version }
    rawset(lg, "_custom", cache)
  end
  local b = cache[key]
  if not b then
    b = level_method(lv, lg)
    cache[key] = b
  end
  return b
end

function Logger:set_level(level)
  local lv = level
  if type(level) == "string" and levels.resolve(level) then
    lv = levels.resolve(level)
  elseif type(level) ~= "number" then
    error("Level must be a number, got " .. type(level), 2)
  elseif not known_level(level) then
    error("Invalid level value: " .. tostring(level), 2)
  end
  self.level = lv
  gen = gen + 1
  return self
end

function Logger:get_effective_level() return effective_level(self) end
Logger._get_effective_level = Logger.get_effective_level
function Logger:get_level() return self.level end

function Logger:add_pipeline(p)
  local pl = make_pipeline(sformat("pipelines[%d]", #self.pipelines + 1), p)
  self.pipelines[#self.pipelines + 1] = pl
  gen = gen + 1
  return self
end

-- Deprecated in lual (use add_pipeline); it says so on stderr, as lual does.
function Logger:add_output(output, config)
  if not is_callable(output) then error("Output must be a function, got " .. type(output), 2) end
  io.stderr:write("WARNING: add_output() is deprecated. Use add_pipeline() instead.\n")
  local c = { output }
  if type(config) == "table" then for k, v in pairs(config) do c[k] = v end end
  local presenter = type(config) == "table" and config.presenter or nil
  c.presenter = nil
  return self:add_pipeline({ outputs = { c }, presenter = presenter })
end

function Logger:set_propagate(v)
  if type(v) ~= "boolean" then error("Propagate must be a boolean, got " .. type(v), 2) end
  self.propagate = v
  gen = gen + 1
  return self
end

function Logger:is_enabled_for(level)
  local lv = levels.resolve(level)
  return lv ~= nil and lv >= effective_level(self)
end

function Logger:get_config()
  return { name = self.name, level = self.level, propagate = self.propagate,
    pipelines = pipelines_view(self.pipelines), parent_name = self.parent and self.parent.name or nil }
end

---------------------------------------------------------------------------
-- Logger factory
local logger_keys = { level = true, pipelines = true, propagate = true }

-- A logger's configuration checked (errors through cfg_error): -> its
-- level value and normalised pipelines, either nil when not given.
local function check_logger_config(cfg, is_root)
  if type(cfg) ~= "table" then cfg_error("Configuration must be a table, got " .. type(cfg)) end
  for k in pairs(cfg) do
    if not logger_keys[k] then cfg_error(sformat("Unknown configuration key '%s'", tostring(k))) end
  end
  local lv, pls
  if cfg.level ~= nil then lv = logger_level_value(cfg.level, is_root) end
  if cfg.propagate ~= nil then check_propagate(cfg.propagate) end
  if cfg.pipelines ~= nil then pls = make_pipelines("pipelines", cfg.pipelines) end
  return lv, pls
end

-- A checked configuration (cfg, and its level and pipelines from
-- check_logger_config) applied to a logger.
local function apply_logger_config(lg, cfg, lv, pls)
  if lv then lg.level = lv end
  if cfg.propagate ~= nil then lg.propagate = cfg.propagate end
  if pls then lg.pipelines = pls end
  gen = gen + 1
end

-- The name of lual.logger() without one: the calling script's file as a
-- module name (spec/app_spec.lua -> spec.app_spec).
local function caller_name()
  local info = script_frame()
  local src = info and info.source or ""
  if src:byte(1) == 64 then
    local name = src:sub(2):gsub("^%./", ""):gsub("%.lua$", ""):gsub("[/\\]", ".")
    if name ~= "" then return name end
  end
  return "anonymous"
end

local function get_logger(name)
  local lg = loggers[name]
  if lg then return lg end
  local parent_name = name:match("^(.+)%.[^.]+$")
  local parent = parent_name and get_logger(parent_name) or root
  lg = new_logger(name, parent)
  loggers[name] = lg
  return lg
end

-- lual.logger([name] [, config]) / lual.logger(config): argument errors
-- say what lual says.
function lual.logger(name, config)
  if type(name) == "table" then
    if config ~= nil then
      error("Invalid 2nd arg: config table as 1st arg means no 2nd arg, got " .. type(config), 2)
    end
    config, name = name, nil
  elseif name ~= nil and type(name) ~= "string" then
    error("Invalid 1st arg: expected name (string), config (table), or nil, got " .. type(name), 2)
  elseif config ~= nil and type(config) ~= "table" then
    error("Invalid 2nd arg: expected table (config) or nil, got " .. type(config), 2)
  end
  if name == nil then
    name = caller_name()
  elseif name == "" then
    error("Logger name cannot be an empty string.", 2)
  elseif name ~= "_root" and name:byte(1) == 95 then
    error("Logger names starting with '_' are reserved (except '_root'). Name: " .. name, 2)
  end
  -- the configuration is checked on every call and applied only to a
  -- logger this call creates: a cached logger is returned as it is (as in lual)
  local lv, pls
  if config ~= nil then
    cfg_prefix = "Invalid logger configuration: "
    local ok
    ok, lv, pls = pcall(check_logger_config, config, name == "_root")
    cfg_prefix = "Invalid configuration: "
    if not ok then error(lv, 0) end
  end
  if name == "_root" then return root end
  local lg = loggers[name]
  if lg then return lg end
  lg = get_logger(name)
  if config ~= nil then apply_logger_config(lg, config, lv, pls) end
  return lg
end
lual.get_logger = lual.logger

-- For lual.loggers.config: a logger configuration checked as
-- lual.logger(name, config) checks it, -> true | false, message.
function lual._validate_logger_config(cfg)
  local prefix = cfg_prefix
  cfg_prefix = ""
  local ok, err = pcall(check_logger_config, cfg, false)
  cfg_prefix = prefix
  if ok then return true end
  return false, tostring(err)
end

---------------------------------------------------------------------------
-- lual.config
local root_keys = { level = true, pipelines = true, propagate = true, custom_levels = true,
  command_line_verbosity = true, live_level = true, async = true }
local async_keys = { enabled = "boolean", backend = "string", batch_size = "number",
  flush_interval = "number", max_queue_size = "number", overflow_strategy = "string" }

local function validate_async(a)
  check_type("", "async", a, "table")
  for k, v in pairs(a) do
    local want = async_keys[k]
    if not want then cfg_error(sformat("Unknown async configuration key '%s'", tostring(k))) end
    check_type("async.", k, v, want)
  end
  if a.backend ~= nil and a.backend ~= "coroutines" and a.backend ~= "libuv" then
    cfg_error(sformat("Invalid value for 'async.backend': '%s' (expected 'coroutines' or 'libuv')", a.backend))
  end
  if a.overflow_strategy ~= nil and a.overflow_strategy ~= "drop_oldest"
      and a.overflow_strategy ~= "drop_newest" and a.overflow_strategy ~= "block" then
    cfg_error(sformat("Invalid value for 'async.overflow_strategy': '%s' (expected 'drop_oldest', 'drop_newest' or 'block')",
      a.overflow_strategy))
  end
  for _, k in ipairs({ "batch_size", "max_queue_size" }) do
    local v = a[k]
    if v ~= nil and (v < 1 or v ~= math.floor(v)) then
      cfg_error(sformat("Invalid value for 'async.%s': must be a positive integer", k))
    end
  end
  if a.flush_interval ~= nil and not (a.flush_interval > 0) then
    cfg_error("Invalid value for 'async.flush_interval': must be a positive number")
  end
end

local current = {}   -- the non-logger parts of the root configuration

local function reset_current()
  current = { custom_levels = {}, async = async_defaults() }
end
reset_current()

function lual.config(cfg)
  if type(cfg) ~= "table" then cfg_error("Configuration must be a table, got " .. type(cfg)) end
  if cfg.outputs ~= nil then cfg_error("'outputs' is no longer supported. Use 'pipelines' instead.") end
  local keys = {}
  for k in pairs(cfg) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    if not root_keys[k] then cfg_error(sformat("Unknown configuration key '%s'", k)) end
  end
  -- custom levels first: the rest may name them
  if cfg.custom_levels ~= nil then
    check_type("", "custom_levels", cfg.custom_levels, "table")
    local ok, err = pcall(levels.set_custom_levels, cfg.custom_levels)
    if not ok then cfg_error(tostring(err)) end
    current.custom_levels = levels.get_custom_levels()
  end
  local lv, pls, cli, lvl_live, acfg
  if cfg.level ~= nil then lv = logger_level_value(cfg.level, true) end
  if cfg.propagate ~= nil then check_propagate(cfg.propagate) end
  if cfg.pipelines ~= nil then pls = make_pipelines("pipelines", cfg.pipelines) end
  if cfg.command_line_verbosity ~= nil then
    local c = cfg.command_line_verbosity
    check_type("", "command_line_verbosity", c, "table")
    for k in pairs(c) do
      if k ~= "mapping" and k ~= "auto_detect" then
        cfg_error(sformat("Unknown key '%s' in command_line_verbosity", tostring(k)))
      end
    end
    if c.mapping ~= nil then
      check_type("command_line_verbosity.", "mapping", c.mapping, "table")
      for flag, name in pairs(c.mapping) do
        if type(flag) ~= "string" then cfg_error("command_line_verbosity.mapping keys must be strings") end
        if type(name) ~= "string" then cfg_error("command_line_verbosity.mapping level names must be strings") end
        if not levels.get_level_by_name(name) then
          cfg_error("unknown level name in command_line_verbosity.mapping: " .. name)
        end
      end
    end
    if c.auto_detect ~= nil then check_type("command_line_verbosity.", "auto_detect", c.auto_detect, "boolean") end
    cli = { mapping = c.mapping or default_mapping, auto_detect = c.auto_detect ~= false }
  end
  if cfg.live_level ~= nil then
    local c = cfg.live_level
    check_type("", "live_level", c, "table")
    for k in pairs(c) do
      if k ~= "env_var" and k ~= "check_interval" and k ~= "enabled" then
        cfg_error(sformat("Unknown key '%s' in live_level", tostring(k)))
      end
    end
    if c.env_var ~= nil then check_type("live_level.", "env_var", c.env_var, "string") end
    if c.check_interval ~= nil then
      check_type("live_level.", "check_interval", c.check_interval, "number")
      if c.check_interval < 1 then cfg_error("live_level.check_interval must be at least 1") end
    end
    if c.enabled ~= nil then check_type("live_level.", "enabled", c.enabled, "boolean") end
    local enabled = c.enabled
    if enabled == nil then enabled = true end
    if enabled and c.env_var == nil then cfg_error("live_level.env_var is required when live_level is enabled") end
    lvl_live = { env_var = c.env_var, check_interval = math.floor(c.check_interval or 100), enabled = enabled }
  end
  if cfg.async ~= nil then
    validate_async(cfg.async)
    acfg = {}
    local base = current.async
    for k in pairs(async_keys) do
      if cfg.async[k] ~= nil then acfg[k] = cfg.async[k] else acfg[k] = base[k] end
    end
  end
  -- apply
  if lv then root.level = lv end
  if cfg.propagate ~= nil then root.propagate = cfg.propagate end
  if pls then root.pipelines = pls end
  if cli then
    current.command_line_verbosity = cli
    if cli.auto_detect then
      local d = detect_cli_level(cli.mapping)
      if d then root.level = d end
    end
  end
  if lvl_live then
    current.live_level = lvl_live
    if lvl_live.enabled then
      live = { env_var = lvl_live.env_var, check_interval = lvl_live.check_interval,
        countdown = lvl_live.check_interval, last = nil }
      live_check()
    else
      live = nil
    end
  end
  gen = gen + 1
  if acfg then
    current.async = acfg
    apply_async(acfg)
  end
  return lual.get_config()
end

function lual.get_config()
  local pls = pipelines_view(root.pipelines)
  local a = {}
  for k, v in pairs(current.async) do a[k] = v end
  return { level = root.level, propagate = root.propagate, pipelines = pls,
    custom_levels = levels.get_custom_levels(), async = a,
    command_line_verbosity = current.command_line_verbosity, live_level = current.live_level }
end

-- The root logger is reset in place, so loggers created earlier keep
-- reaching it.
function lual.create_root_logger()
  if not root then root = new_logger("_root", nil) end
  root.level, root.propagate, root.parent = LV.WARNING, true, nil
  root.pipelines = default_pipelines()
  loggers._root = root
  gen = gen + 1
  return root
end

function lual.reset_cache()
  loggers = { _root = root }
  gen = gen + 1
end

function lual.reset_config()
  drain_all()
  flush_files()
  live = nil
  reset_current()   -- custom levels stay defined, as in lual (lual.set_levels({}) clears them)
  apply_async(async_defaults())
  reset_stats()
  lual.create_root_logger()
  lual.reset_cache()
end

function lual.get_levels() return levels.get_all_levels() end
function lual.set_levels(t) levels.set_custom_levels(t) gen = gen + 1 end
function lual.set_command_line_verbosity(c)
  if type(c) ~= "table" then error("Command line verbosity config must be a table", 2) end
  return lual.config({ command_line_verbosity = c })
end
function lual.set_live_level(env_var, check_interval)
  if type(env_var) ~= "string" then error("Environment variable name must be a string", 2) end
  if check_interval ~= nil and type(check_interval) ~= "number" then error("Check interval must be a number", 2) end
  return lual.config({ live_level = { env_var = env_var, check_interval = check_interval, enabled = true } })
end

-- lual's internal debug switch (test set-ups call it): when on,
-- _debug_print writes "[LUAL DEBUG] ..." lines to stderr.
lual._INTERNAL_DEBUG = false
function lual._set_internal_debug(on) lual._INTERNAL_DEBUG = on and true or false end
function lual._debug_print(fmt, ...)
  if not lual._INTERNAL_DEBUG then return end
  io.stderr:write("[LUAL DEBUG] ", format_message(fmt, select("#", ...), ...), "\n")
end
lual.root = function() return root end
lual.get_root_logger = lual.root

lual.create_root_logger()
return lual
