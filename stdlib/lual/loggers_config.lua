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

-- validate_logger_config_table(config) -> true | false, message
function M.validate_logger_config_table(config)
  return lual._validate_logger_config(config)
end

return M
