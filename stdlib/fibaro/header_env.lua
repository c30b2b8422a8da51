-- What a header's Lua expression may read, so that secrets stay out of
-- the QuickApp's source: `env.NAME` (the environment, then `.env` in the
-- working directory, then `~/.env`: PLua's order) and `config.NAME` (the
-- table a user config file returns: `.plua/config.lua` in the working
-- directory, else `~/.plua/config.lua`). Nothing here is ever printed.
local M = {}

-- KEY=VALUE lines (export KEY=VALUE, "quoted" or 'quoted' values, # comments).
local function read_dotenv(path)
  local values = {}
  local f = io.open(path, "r")
  if not f then return values end
  for line in f:lines() do
    local key, value = line:match("^%s*export%s+([%w_]+)%s*=%s*(.-)%s*$")
    if not key then key, value = line:match("^%s*([%w_]+)%s*=%s*(.-)%s*$") end
    if key then
      local quoted = value:match('^"(.*)"$') or value:match("^'(.*)'$")
      values[key] = quoted or value:gsub("%s+#.*$", "")
    end
  end
  f:close()
  return values
end

local function home() return os.getenv("HOME") or "" end

local dotenv_files
local function env_lookup(_, name)
  local value = os.getenv(name)
  if value ~= nil then return value end
  dotenv_files = dotenv_files or { read_dotenv(".env"), read_dotenv(home() .. "/.env") }
  for _, values in ipairs(dotenv_files) do
    if values[name] ~= nil then return values[name] end
  end
  return nil
end

-- A name's value (the environment, ./.env, ~/.env), or nil: the HC3
-- credentials are read here too (plua.fibaro.hc3).
function M.getenv(name) return env_lookup(nil, name) end

local user_config
local function config_table()
  if user_config then return user_config end
  user_config = {}
  for _, path in ipairs({ ".plua/config.lua", home() .. "/.plua/config.lua" }) do
    local f = io.open(path, "r")
    if f then
      f:close()
      local chunk, err = loadfile(path, "t", {})
      if not chunk then error(("config file %s: %s"):format(path, err), 0) end
      local ok, value = pcall(chunk)
      if not ok then error(("config file %s: %s"):format(path, value), 0) end
      if type(value) ~= "table" then error(("config file %s must return a table, got %s"):format(path, type(value)), 0) end
      user_config = value
      break
    end
  end
  return user_config
end

function M.environment()
  return {
    env = setmetatable({}, { __index = env_lookup }),
    config = setmetatable({}, { __index = function(_, name) return config_table()[name] end }),
  }
end

return M
