-- HC3-style log lines on stdout:
--   [DD.MM.YYYY][HH:MM:SS][DEBUG  ][TAG]: message
-- Arguments are joined by a space; tables print as JSON (or through their
-- __tostring). The level is coloured only on a terminal without NO_COLOR.
local clock = require("plua.fibaro.clock")
local html = require("plua.fibaro.html")
local json = require("json")

-- The last kRecent lines, as /debugMessages lists them: recent[id] =
-- { id, timestamp, type, tag, message } for first_id <= id <= last_id.
-- echo = false keeps the lines off stdout; every function in `listeners`
-- sees each line's record (the web UI, the QuickApp test helper). A
-- listener runs inside the logging call: it must not raise.
local M = { color = false, recent = {}, first_id = 1, last_id = 0, echo = true, listeners = {} }
local kRecent = 200

local padded = { DEBUG = "DEBUG  ", TRACE = "TRACE  ", WARNING = "WARNING", ERROR = "ERROR  ", INFO = "INFO   " }
local colors = { DEBUG = "\27[32m", TRACE = "\27[36m", WARNING = "\27[33m", ERROR = "\27[31m", INFO = "\27[34m" }
local reset = "\27[0m"
local stdout = io.stdout
local floor, select, tostring, type, getmetatable, pcall = math.floor, select, tostring, type, getmetatable, pcall

local function text_of(v)
  if v ~= v then return "nan" end -- not "-nan" on some platforms
  if type(v) == "table" then
    local mt = getmetatable(v)
    if not (mt and mt.__tostring) then
      local ok, encoded = pcall(json.encode, v)
      if ok then return encoded end
    end
  end
  return tostring(v)
end

-- The message of a call like self:debug(a, b, c).
function M.join(...)
  local n = select("#", ...)
  if n == 1 then return text_of((...)) end
  local parts = { ... }
  for i = 1, n do parts[i] = text_of(parts[i]) end
  return table.concat(parts, " ", 1, n)
end

function M.line(level, tag, message)
  if M.echo then
    local stamp = clock.real_date("[%d.%m.%Y][%H:%M:%S]", floor(clock.now()))
    local label = padded[level] or level
    if M.color then label = colors[level] .. label .. reset end
    stdout:write(stamp, "[", label, "][", tostring(tag), "]: ", html.to_text(message, M.color), "\n")
  end
  local id = M.last_id + 1
  M.last_id = id
  local record = { id = id, timestamp = floor(clock.now()), type = level:lower(), tag = tostring(tag),
    message = message }
  M.recent[id] = record
  local listeners = M.listeners
  for i = 1, #listeners do listeners[i](record) end
  if id - M.first_id >= kRecent then
    M.recent[M.first_id] = nil
    M.first_id = M.first_id + 1
  end
end

-- The kept lines newer than `last`, oldest first.
function M.since(last)
  local out = {}
  for id = math.max(M.first_id, last + 1), M.last_id do out[#out + 1] = M.recent[id] end
  return out
end

function M.clear_recent()
  for id = M.first_id, M.last_id do M.recent[id] = nil end
  M.first_id = M.last_id + 1
end

function M.write(level, tag, ...) M.line(level, tag, M.join(...)) end

return M
