-- lual: file output (opened once, size rotation), -v/-vv/--quiet from arg,
-- live level from an environment variable. Run by lual_file.cmd.
os.time = function() return 1700000000 end
local lual = require("lual")
local dir = arg[1]
local path = dir .. "/app.log"
lual.config({ level = lual.debug, pipelines = {
  { outputs = { { lual.file, path = path, max_size = 200, max_backups = 2 } }, presenter = lual.text({ timezone = lual.utc }) } } })
local log = lual.logger("files")
for i = 1, 12 do log:info("line %02d of the rotation test", i) end
lual.flush()
for _, p in ipairs({ path, path .. ".1", path .. ".2", path .. ".3" }) do
  local f = io.open(p)
  print(p:sub(#dir + 2), f and (select(2, f:read("a"):gsub("\n", ""))) or "missing")
  if f then f:close() end
end
local f = io.open(path); print(f:read("l")); f:close()
-- lual.file{...} form
lual.config({ pipelines = { { outputs = { lual.file({ path = dir .. "/b.log" }) }, presenter = lual.json() } } })
log:warn("json to file")
lual.flush()
f = io.open(dir .. "/b.log"); print(f:read("a")); f:close()

-- command-line verbosity (arg holds the flags given in lual_file.cmd)
lual.config({ pipelines = { { outputs = { lual.console }, presenter = lual.text({ timezone = lual.utc }) } }, level = lual.error })
lual.config({ command_line_verbosity = {} })
print("after cli", lual.logger("x"):get_effective_level())
lual.config({ command_line_verbosity = { mapping = { vv = "debug", quiet = "critical" } } })
print("custom mapping", lual.logger("x"):get_effective_level())
lual.config({ level = lual.warning, command_line_verbosity = { auto_detect = false } })
print("no auto detect", lual.logger("x"):get_effective_level())

-- live level: APP_LEVEL=info in the environment, then changed under us
local env = os.getenv
lual.config({ live_level = { env_var = "APP_LEVEL", check_interval = 3 } })
local x = lual.logger("x")
print("live", x:get_effective_level())
x:debug("hidden debug 1")
os.getenv = function(name) if name == "APP_LEVEL" then return "debug" end return env(name) end
x:debug("hidden debug 2 (check after 3 calls)")
x:debug("shown debug 3")
x:debug("shown debug 4")
os.getenv = function(name) if name == "APP_LEVEL" then return "40" end return env(name) end
x:warn("w1"); x:warn("hidden w2 (check)"); x:warn("hidden w3"); x:error("e1")
