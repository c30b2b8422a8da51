-- The emulated controller's clock is the run's clock (require "plua.clock"):
-- os.time, os.date, _PY.get_time and the timers read it. The `time` header
-- pins it (PLUA_TIME, which wins, the core has pinned already) and the
-- `speed` header turns it virtual.
local core = require("plua.clock")
local get_time = _PY.get_time

local M = {}

-- os.date as it is (with an explicit time it formats that time).
M.real_date = os.date

-- Starts the clock at `text`; `where` names the setting in errors.
function M.pin(text, where)
  local ok, message = core.pin(text)
  if not ok then error(("%s: %s"):format(where, message), 0) end
end

-- `hours` of virtual time from now, then the run stops (--speed).
function M.run_virtual(hours) core.run_virtual(hours) end

-- Seconds since the epoch on the emulated clock (with a fraction).
function M.now() return get_time() end

return M
