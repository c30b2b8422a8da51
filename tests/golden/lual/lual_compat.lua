-- lual 1.0.x compatibility: the public surface of require("lual") used the
-- way lual's README and examples use it, with lual's messages and records.
-- Run as `lual_compat.lua -vv` with APP_LOG_LEVEL=error (see .cmd).
os.time = function() return 1700000000 end
local lual = require("lual")
assert(require("lual.logger") == lual and require("lual.api") == lual)

local function keys(t)
  local k = {}
  for name in pairs(t) do k[#k + 1] = tostring(name) end
  table.sort(k)
  return table.concat(k, " ")
end
local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

print("-- module table")
for _, name in ipairs({ "logger", "config", "get_config", "reset_config", "reset_cache", "get_levels",
  "set_levels", "flush", "set_command_line_verbosity", "set_live_level", "create_root_logger",
  "_debug_print", "_set_internal_debug", "text", "color", "json", "console", "file", "noop" }) do
  io.write(name, "=", type(lual[name]), " ")
end
print()
print(lual.notset, lual.debug, lual.info, lual.warning, lual.error, lual.critical, lual.none, lual.local_time, lual.utc)
print(keys(lual.levels), "|", keys(lual.LEVELS), lual.LEVELS.warning)
print(keys(lual.outputs), "|", keys(lual.presenters), "|", keys(lual.transformers))
print(keys(lual.pipelines), lual.pipelines.outputs.console == lual.console, lual.pipelines.presenters.json == lual.json)
print(lual.async.coroutines, lual.async.libuv, lual.async.drop_oldest, lual.async.drop_newest, lual.async.block)
print(keys(lual.async.defaults), lual.async.defaults.batch_size, lual.async.defaults.flush_interval,
  lual.async.defaults.max_queue_size, lual.async.defaults.overflow_strategy)
print(type(lual._INTERNAL_DEBUG), lual._INTERNAL_DEBUG)
lual._set_internal_debug(true)
lual._debug_print("internal %s", "debug line")
lual._set_internal_debug(false)
lual._debug_print("not shown")

print("-- command-line verbosity and live level")
print(lual.get_config().level)
lual.set_command_line_verbosity({ auto_detect = true })
print("after -vv:", lual.get_config().level)
lual.set_live_level("APP_LOG_LEVEL", 1)
print("after APP_LOG_LEVEL=error:", lual.get_config().level)
try(lual.set_command_line_verbosity, "v")
try(lual.set_live_level, 42)
try(lual.set_live_level, "X", "often")
lual.reset_config()
print("after reset:", lual.get_config().level)

print("-- levels")
local levels = require("lual.levels")
print(levels.validate_custom_level_name("verbose"), levels.validate_custom_level_name("VERBOSE"))
print(levels.validate_custom_level_name("_x"))
print(levels.validate_custom_level_value(25), levels.validate_custom_level_value(20))
print(levels.validate_custom_level_value(25.5))
lual.set_levels({ verbose = 25, trace = 15 })
print(lual.get_levels().VERBOSE, lual.get_levels().TRACE, levels.is_custom_level("VERBOSE"),
  levels.get_custom_level_value("trace"), levels.get_level_name(25), levels.get_level_name(99))
print(levels.get_level_by_name("Verbose"))
print(levels.get_level_by_name("loud"))
try(lual.set_levels, { verbose = 25, trace = 25 })
local constants = require("lual.constants")
print(constants.debug, constants.utc, constants.text == lual.text, constants.async.block)

print("-- records a custom output sees")
local function show(record)
  print(string.format("  out: level=%s/%s logger=%s owner=%s/%s/%s pipeline_level=%s",
    record.level_name, record.level_no, record.logger_name, record.owner_logger_name,
    tostring(record.owner_logger_level), tostring(record.owner_logger_propagate), tostring(record.pipeline_level)))
  print("  message:   " .. tostring(record.message))
  print("  presented: " .. tostring(record.presented_message))
end
lual.config({
  level = lual.debug,
  custom_levels = { verbose = 25, trace = 15 },
  pipelines = { { outputs = { show }, presenter = lual.text({ timezone = lual.utc }) } },
})
local log = lual.logger("app.main")
log:info("User %s logged in from %s", "jane", "10.0.0.1")
log:verbose("custom level method %d", 1)
log:trace("trace method")
log:log("verbose", "log by name")
log:log(lual.error, "log by number")
log:warning({ user = "bob", msg = "context message" })
log:warn({ user = "bob" }, "context with format %d", 3)
log:error("%d items", "many")
log:critical(42)
try(log.log, log, "loud", "x")
try(log.log, log, true, "x")
print(log:is_enabled_for("trace"), log:_get_effective_level(), log:get_effective_level())

print("-- logger factory and tree")
print(log.name, log.parent.name, log.parent.parent.name, log.propagate, log.level)
print(lual.logger("app.main") == log, lual.logger("_root") == log.parent.parent)
try(lual.logger, "")
try(lual.logger, "_private")
try(lual.logger, 42)
try(lual.logger, "x", "cfg")
try(lual.logger, { level = lual.info }, "extra")
try(lual.logger, "cfg.bad", { level = 999 })
try(lual.logger, "cfg.bad", { propagate = "yes" })
local c = lual.logger("app.main"):get_config()
print(c.name, c.level, c.propagate, c.parent_name, #c.pipelines)

print("-- imperative api")
local db = lual.logger("app.db")
print(db:set_level(lual.warning) == db, db.level)
try(db.set_level, db, {})
try(db.set_level, db, 999)
try(db.set_propagate, db, "no")
db:set_propagate(false):add_pipeline({ level = lual.error, outputs = { lual.console },
  presenter = lual.text({ timezone = lual.utc }) })
db:warn("kept by the pipeline level")
db:error("db error shown once (no propagation)")
db:set_propagate(true)
db:critical("db critical, own pipeline and root's")

print("-- add_output (deprecated)")
local side = lual.logger("side", { propagate = false })
side:add_output(lual.console)
side:warn("through add_output")
try(side.add_output, side, "console")

print("-- get_config")
lual.reset_config()
local cfg = lual.get_config()
print(cfg.level, cfg.propagate, #cfg.pipelines, #cfg.pipelines[1].outputs,
  cfg.pipelines[1].outputs[1].func == lual.console, type(cfg.pipelines[1].outputs[1].config))
print(keys(cfg))

print("-- config validation")
try(lual.config, "not_a_table")
try(lual.config, { unknown_key = "value" })
try(lual.config, { level = "not_a_number" })
try(lual.config, { level = 999 })
try(lual.config, { level = lual.notset })
try(lual.config, { propagate = "not_a_boolean" })
try(lual.config, { outputs = { lual.console } })
try(lual.config, { custom_levels = { VERBOSE = 25 } })
try(lual.config, { custom_levels = { verbose = 5 } })
print((pcall(lual.config, { pipelines = {} })), #lual.get_config().pipelines)

print("-- presenters")
local rec = { timestamp = 1700000000, level_name = "WARNING", level_no = 30, logger_name = "p", message = "hello" }
print(lual.text({ timezone = lual.utc })(rec))
print((lual.color({ timezone = lual.utc })(rec):gsub("\27", "ESC")))
print((lual.color({ timezone = lual.utc, level_colors = { WARNING = "magenta" } })(rec):gsub("\27", "ESC")))
print((lual.color({ timezone = lual.utc, level_colors = { default = "nope" } })(rec):gsub("\27", "ESC")))
print(lual.json({ timezone = lual.utc })(rec))
try(lual.json, { pretty = "yes" })
try(lual.color, { level_colors = "red" })
lual.config({ level = lual.info, pipelines = {
  { outputs = { lual.console }, presenter = lual.color({ timezone = lual.utc }) } } })
for _, m in ipairs({ "debug", "info", "warn", "error", "critical" }) do
  lual.logger("c")[m](lual.logger("c"), m)
end

print("-- failures in transformers, presenters and outputs")
lual.config({ level = lual.info, pipelines = {
  { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc }),
    transformers = { function() error("transformer broke") end } },
  { outputs = { lual.console }, presenter = function() error("presenter broke", 0) end },
  { outputs = { function() error("output broke", 0) end, lual.console }, presenter = lual.text({ timezone = lual.utc }),
    transformers = { lual.noop, function(r) r.message = r.message .. "!" return r end } },
} })
lual.logger("f"):info("still written")

print("-- async")
lual.reset_config()
lual.config({ level = lual.info, async = { enabled = true, batch_size = 10, flush_interval = 0.05 },
  pipelines = { { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc }) } } })
local q = lual.logger("q")
q:info("queued %d", 1)
q:verbose("queued custom level")
q:info({ k = "v" }, "queued with context")
local s = lual.async.get_stats()
print(s.enabled, s.queue_size, s.batch_size, s.flush_interval, s.max_queue_size, s.overflow_strategy,
  s.worker_status, s.messages_submitted, s.messages_processed)
lual.flush()
s = lual.async.get_stats()
print(s.queue_size, s.messages_processed, s.messages_dropped, s.queue_overflows, s.worker_restarts,
  s.backend_stats.worker_restarts, s.backend_stats.backend_errors, type(s.last_flush_time))
q:warn("written at exit")
