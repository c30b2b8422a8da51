-- lual: levels, custom levels, hierarchy, presenters, config validation.
os.time = function() return 1700000000 end
local lual = require("lual")
assert(require("lual.logger") == lual)
local levels = require("lual.levels")
print(lual.notset, lual.debug, lual.info, lual.warn, lual.warning, lual.error, lual.critical, lual.none, lual.WARNING)
print(levels.definition.CRITICAL, levels.get_level_name(40), levels.get_level_by_name("warn"))

-- default: root WARNING, console + text
local app = lual.logger("app")
local db = lual.logger("app.db")
print(db.parent == app, app.parent.name, lual.logger("app.db") == db, db:get_effective_level())
db:info("not shown")
db:warn("warn %s %d", "x", 1)

-- hierarchy: each logger's own pipelines, propagation
local function collect(tag)
  return { outputs = { function(record) print(tag .. " <- " .. record.presented_message) end },
           presenter = lual.text({ timezone = lual.utc }) }
end
lual.config({ level = lual.debug, pipelines = { collect("root") } })
app:set_level(lual.info):add_pipeline(collect("app"))
db:debug("db debug")          -- db inherits INFO from app: dropped
db:info("db info")
db:set_propagate(false):add_pipeline(collect("db"))
db:error("db only")
db:set_propagate(true)

-- custom levels
lual.config({ custom_levels = { verbose = 25, trace = 15 } })
print(lual.get_levels().VERBOSE, levels.is_custom_level("Trace"), levels.get_custom_level_value("verbose"))
app:log("verbose", "a %s message", "verbose")
app:log("trace", "trace is below INFO")
app:log(lual.critical, { user = "bob", id = 7 }, "with context %d", 3)
app:critical({ user = "bob" })
print(pcall(lual.set_levels, { Bad = 22 }))
print(pcall(lual.set_levels, { ok = 40 }))

-- presenters
lual.reset_config()
local ok_line = { level_no = 20, level_name = "INFO", logger_name = "x.y", message = "hi \"there\"", timestamp = 1700000000 }
print(lual.text({ timezone = lual.utc })(ok_line))
print((lual.color({ timezone = lual.utc })(ok_line):gsub("\27", "ESC")))
print(lual.json()(ok_line))
local pretty = lual.json({ pretty = true })
lual.config({ level = lual.info, pipelines = { { outputs = { lual.console }, presenter = pretty } } })
lual.logger("j"):info({ request = "r1", n = 2.5, tags = { "a", "b" } }, "done in %dms", 12)
lual.config({ pipelines = { { outputs = { { lual.console, stream = io.stdout } }, presenter = lual.color({ timezone = lual.utc }) } } })
local c = lual.logger("c")
for _, m in ipairs({ "debug", "info", "warn", "error", "critical" }) do c[m](c, m) end
lual.config({ pipelines = { { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc, format = "[%level%] %logger%: %message%" }),
  transformers = { function(r) r.message = r.message:upper(); return r end } } } })
lual.logger("fmt"):warning("custom format and transformer")

-- config validation
local function try(cfg)
  local ok, err = pcall(lual.config, cfg)
  print(ok, err)
end
try({ levle = 10 })
try({ level = "loud" })
try({ level = true })
try({ propagate = 1 })
try({ pipelines = { { outputs = {} } } })
try({ pipelines = { { outputs = { 42 } } } })
try({ pipelines = { { outputs = { lual.console }, colour = 1 } } })
try({ outputs = { lual.console } })
try({ async = { enabled = "yes" } })
try({ async = { backend = "threads" } })
try({ async = { overflow_strategy = "ignore" } })
try({ async = { batch_size = 0 } })
try({ async = { bogus = 1 } })
try({ custom_levels = { verbose = 5 } })
try({ live_level = { check_interval = 5 } })
try({ command_line_verbosity = { mapping = { v = "chatty" } } })
print(pcall(lual.logger, 42))
