-- lual.constants: level numbers, component constructors and option values.
local levels = require("lual.levels")
local d = levels.definition
local components = require("lual.components")

local C = {
  notset = d.NOTSET, debug = d.DEBUG, info = d.INFO, warning = d.WARNING, warn = d.WARNING,
  error = d.ERROR, critical = d.CRITICAL, none = d.NONE,
  NOTSET = d.NOTSET, DEBUG = d.DEBUG, INFO = d.INFO, WARNING = d.WARNING, WARN = d.WARNING,
  ERROR = d.ERROR, CRITICAL = d.CRITICAL, NONE = d.NONE,
  utc = "utc", local_time = "local",
  console = components.console, file = components.file, syslog = components.syslog,
  text = components.text, color = components.color, json = components.json,
  noop = components.noop,
}
C.outputs = { console = C.console, file = C.file, syslog = C.syslog }
C.presenters = { text = C.text, color = C.color, json = C.json }
C.transformers = { noop = C.noop }
C.pipelines = { outputs = C.outputs, presenters = C.presenters, transformers = C.transformers }
C.levels = d
-- lower-case name -> value for the built-in levels, as lual exports it
C.LEVELS = { notset = d.NOTSET, debug = d.DEBUG, info = d.INFO, warning = d.WARNING,
  error = d.ERROR, critical = d.CRITICAL, none = d.NONE }
C.async = {
  coroutines = "coroutines", libuv = "libuv",
  drop_oldest = "drop_oldest", drop_newest = "drop_newest", block = "block",
}
return C
