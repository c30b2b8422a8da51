-- lual.loggers.config: lual's module for checking a (non-root) logger's
-- configuration, with the same checks and messages as lual.logger(name, config).
local lual = require("lual")

local M = {}

-- The keys a logger configuration takes, with what each must be.
M.VALID_LOGGER_CONFIG_KEYS = {
  level = { type = "number", description = "Logging level (use lual.DEBUG, lual.INFO, etc.)" },
  pipelines = { type = "table", description = "Array of pipeline configurations" },
  propagate = { type = "boolean", description = "Whether to propagate messages to parent loggers" },
}

-- The detailed form of a failure, as lual's schema checker gives it:
-- { error_code, field, message, fields = { [field] = { { code, message } } } }.
-- The code comes from what the message says (one wording per kind, see
-- check_logger_config in lual/init.lua).
local function detail(message)
  local code, field = "INVALID_VALUE", nil
  local key = message:match("^Unknown configuration key '(.-)'")
  if key then
    code, field = "UNKNOWN_KEY", key
  elseif message:find("^Configuration must be a table") then
    code = "INVALID_TYPE"
  else
    key = message:match("^Invalid type for '([%w_]+)")   -- the top key of 'pipelines[1].outputs'
    if key then code, field = "INVALID_TYPE", key
    elseif message:find("pipelines", 1, true) then field = "pipelines"
    elseif message:find("level", 1, true) then field = "level" end
  end
  local info = { error_code = code, field = field, message = message, fields = {} }
  if field then info.fields[field] = { { code, message } } end
  return info
end

-- validate_logger_config_table(config [, detailed]) -> true | false, message
-- (with `detailed`, false and the table described above)
function M.validate_logger_config_table(config, detailed)
  local ok, message = lual._validate_logger_config(config)
  if ok then return true end
  if detailed then return false, detail(message) end
  return false, message
end

return M
