-- The emulated clock: real time, shifted so that it starts at the `time`
-- header (or PLUA_TIME) when one is given. os.time() and os.date() follow
-- it then, as they would on a controller whose clock says that time.
local M = {}

local real_time, real_date = os.time, os.date
local get_time = _PY.get_time
local offset = 0

M.real_date = real_date

-- "YYYY-MM-DD[ HH:MM[:SS]]" (or '/'), "HH:MM[:SS]" (today), or epoch
-- seconds -> epoch seconds, or nil.
function M.parse(text)
  if text:match("^%d+$") then return tonumber(text) end
  local y, mo, d, rest = text:match("^(%d%d%d%d)[-/](%d%d?)[-/](%d%d?)(.*)$")
  local today = real_date("*t")
  if not y then
    y, mo, d, rest = today.year, today.month, today.day, " " .. text
  end
  local h, mi, s = 0, 0, 0
  if rest ~= "" then
    h, mi, s = rest:match("^[ T](%d%d?):(%d%d):?(%d*)$")
    if not h then return nil end
    s = s == "" and 0 or s
  end
  return real_time({ year = tonumber(y), month = tonumber(mo), day = tonumber(d), hour = tonumber(h),
    min = tonumber(mi), sec = tonumber(s), isdst = today.isdst })
end

-- Starts the emulated clock at `text`; `where` names the setting in errors.
function M.pin(text, where)
  local start = M.parse(text)
  if not start then error(("%s: cannot read '%s' as a date/time"):format(where, text), 0) end
  offset = start - get_time()
  os.time = function(t)
    if t == nil then return math.floor(M.now()) end
    return real_time(t)
  end
  os.date = function(format, t)
    if t == nil then t = math.floor(M.now()) end
    return real_date(format, t)
  end
end

-- Seconds since the epoch on the emulated clock (with a fraction).
function M.now() return get_time() + offset end

return M
