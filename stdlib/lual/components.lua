-- lual.components: presenters (text, color, json), outputs (console, file,
-- syslog) and transformers (noop). Built-in presenters expose a fast
-- `line(t, level_name, level_no, logger_name, message, context)` used by the
-- dispatcher; every presenter is also callable with a record, as in lual.
local M = {}
local sformat, concat, sort = string.format, table.concat, table.sort

-- Timestamps: one os.date call per second and timezone.
local function time_formatter(utc, pattern)
  local prefix = utc and "!" or ""
  local pat = prefix .. pattern
  local last_t, last_s
  return function(t)
    if t ~= last_t then
      last_t = t
      last_s = os.date(pat, t)
    end
    return last_s
  end
end

-- lual.utc / lual.local_time, in any case ("UTC", "Local")
local function is_utc(tz)
  if tz == nil then return nil end
  local name = type(tz) == "string" and tz:lower() or nil
  if name == "utc" then return true end
  if name == "local" or name == "local_time" then return false end
  error("Invalid timezone '" .. tostring(tz) .. "': expected lual.utc or lual.local_time", 3)
end

-- The message of logger:info(fmt, ...): string.format(fmt, ...); a value
-- that is not a string is shown with tostring (nothing at all is ""); a format that fails gives
-- the format followed by " [FORMAT ERROR: reason]", as in lual.
local function format_message(fmt, n, ...)
  if type(fmt) ~= "string" then
    if fmt == nil and n == 0 then return "" end   -- logger:info() logs ""
    return tostring(fmt)
  end
  if n == 0 then
    if fmt:find("%", 1, true) then
      local ok, s = pcall(sformat, fmt)
      if ok then return s end
      return fmt .. " [FORMAT ERROR: " .. tostring(s) .. "]"
    end
    return fmt
  end
  local ok, s = pcall(sformat, fmt, ...)
  if ok then return s end
  return fmt .. " [FORMAT ERROR: " .. tostring(s) .. "]"
end
M.format_message = format_message

-- The message of a record handed to a presenter by hand, as lual builds
-- it: `message` when the record has one, else `message_fmt` formatted
-- with `args` (a table.pack list, a plain list or nil).
local function record_message(record)
  local msg = record.message
  if msg ~= nil then return tostring(msg) end
  local fmt = record.message_fmt
  if fmt == nil then return "" end
  local args = record.args
  if type(args) ~= "table" then return format_message(fmt, 0) end
  local n = args.n or #args
  return format_message(fmt, n, table.unpack(args, 1, n))
end

-- Presenters are callable with a record (lual's presenter interface); a
-- record may lack any field: the time is now, the level UNKNOWN_LEVEL,
-- the logger UNKNOWN_LOGGER.
local presenter_mt = {
  __call = function(self, record)
    return self.line(record.timestamp or os.time(), record.level_name or "UNKNOWN_LEVEL", record.level_no,
      record.logger_name or "UNKNOWN_LOGGER", record_message(record), record.context)
  end,
}

local function check_opts(name, cfg, allowed)
  if cfg == nil then return {} end
  if type(cfg) ~= "table" then error(name .. " presenter config must be a table", 3) end
  for k in pairs(cfg) do
    if not allowed[k] then error(name .. " presenter: unknown option '" .. tostring(k) .. "'", 3) end
  end
  return cfg
end

local function custom_format(fmt, stamp)
  return function(t, lname, _, logger, msg)
    return (fmt:gsub("%%(%a+)%%", function(key)
      if key == "time" then return stamp(t)
      elseif key == "level" then return lname
      elseif key == "logger" then return logger
      elseif key == "message" then return msg
      end
    end))
  end
end

-- A presenter's line as the async queue writes it by itself (no context):
-- pre .. stamp .. mid(level_name, logger_name, level_no) .. message .. post,
-- the message JSON-encoded when `json`.
local function text_native(utc, mid)
  return { stamp = utc and "text_utc" or "text", json = false, pre = "", mid = mid, post = "" }
end

function M.text(cfg)
  cfg = check_opts("text", cfg, { timezone = true, format = true })
  local utc = is_utc(cfg.timezone) or false
  local stamp = time_formatter(utc, "%Y-%m-%d %H:%M:%S")
  local p = { kind = "text", config = cfg }
  if cfg.format ~= nil then
    if type(cfg.format) ~= "string" then error("text presenter: 'format' must be a string", 2) end
    p.line = custom_format(cfg.format, stamp)
  else
    p.line = function(t, lname, _, logger, msg)
      return stamp(t) .. " " .. lname .. " [" .. logger .. "] " .. msg
    end
    p.native = text_native(utc, function(lname, logger) return " " .. lname .. " [" .. logger .. "] " end)
  end
  return setmetatable(p, presenter_mt)
end

local ansi = {
  black = "\27[30m", red = "\27[31m", green = "\27[32m", yellow = "\27[33m",
  blue = "\27[34m", magenta = "\27[35m", cyan = "\27[36m", white = "\27[37m",
  bright_black = "\27[90m", bright_red = "\27[91m", bright_green = "\27[92m",
  bright_yellow = "\27[93m", bright_blue = "\27[94m", bright_magenta = "\27[95m",
  bright_cyan = "\27[96m", bright_white = "\27[97m",
  reset = "\27[0m", bold = "\27[1m", dim = "\27[2m", italic = "\27[3m", underline = "\27[4m",
}
M.ansi = ansi
-- lual's palette: the level name in its colour, the time dim, the logger
-- name cyan. `level_colors` replaces the whole table (as in lual); a level
-- it does not name takes its `default` entry.
local default_colors = {
  DEBUG = "blue", INFO = "green", WARNING = "yellow", ERROR = "red",
  CRITICAL = "bright_red", NONE = "white", default = "white",
}
local RESET = ansi.reset

-- colour name (or, in plua, a raw escape sequence) -> escape, or nil
local function color_code(v)
  if type(v) ~= "string" then return nil end
  return ansi[v] or (v:find("^\27") and v) or nil
end

function M.color(cfg)
  cfg = check_opts("color", cfg, { timezone = true, format = true, level_colors = true })
  local utc = is_utc(cfg.timezone) or false
  local stamp = time_formatter(utc, "%Y-%m-%d %H:%M:%S")
  if cfg.level_colors ~= nil and type(cfg.level_colors) ~= "table" then
    error("Color presenter 'level_colors' must be a table", 2)
  end
  local palette = cfg.level_colors or default_colors
  local cache = {}
  -- level name -> the coloured name
  local function level_text(lname)
    local c = cache[lname]
    if c then return c end
    local code = color_code(palette[lname]) or color_code(palette.default)
    c = code and (code .. lname .. RESET) or lname
    cache[lname] = c
    return c
  end
  local function logger_text(logger) return ansi.cyan .. logger .. RESET end
  local inner = cfg.format and custom_format(cfg.format, stamp)
  local p = { kind = "color", config = cfg }
  if inner then
    p.line = function(t, lname, lno, logger, msg)
      return inner(t, level_text(lname), lno, logger_text(logger), msg)
    end
  else
    p.line = function(t, lname, _, logger, msg)
      return ansi.dim .. stamp(t) .. RESET .. " " .. level_text(lname) .. " [" .. logger_text(logger) .. "] " .. msg
    end
    p.native = { stamp = utc and "text_utc" or "text", json = false, pre = ansi.dim, post = "",
      mid = function(lname, logger)
        return RESET .. " " .. level_text(lname) .. " [" .. logger_text(logger) .. "] "
      end }
  end
  return setmetatable(p, presenter_mt)
end

-- JSON ----------------------------------------------------------------------
local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function esc(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or sformat("\\u%04x", c:byte())
  end) .. '"'
end

local encode
local function encode_table(v, indent, depth, seen)
  if seen[v] then return '"[circular]"' end
  seen[v] = true
  local n = #v
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  local is_array = #keys == n
  local nl, pad, pad_end, colon = "", "", "", ":"
  if indent then
    nl = "\n"; pad = indent:rep(depth + 1); pad_end = indent:rep(depth); colon = ": "
  end
  local parts = {}
  if is_array then
    if n == 0 then seen[v] = nil; return "[]" end
    for i = 1, n do parts[i] = pad .. encode(v[i], indent, depth + 1, seen) end
    seen[v] = nil
    return "[" .. nl .. concat(parts, "," .. nl) .. nl .. pad_end .. "]"
  end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for i, k in ipairs(keys) do
    parts[i] = pad .. esc(tostring(k)) .. colon .. encode(v[k], indent, depth + 1, seen)
  end
  seen[v] = nil
  return "{" .. nl .. concat(parts, "," .. nl) .. nl .. pad_end .. "}"
end

encode = function(v, indent, depth, seen)
  local t = type(v)
  if t == "string" then return esc(v)
  elseif t == "number" then
    if math.type(v) == "integer" then return sformat("%d", v) end
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    if v == math.floor(v) and v > -1e15 and v < 1e15 then return sformat("%d", v) end
    return sformat("%.14g", v)
  elseif t == "boolean" then return tostring(v)
  elseif t == "nil" then return "null"
  elseif t == "table" then return encode_table(v, indent, depth, seen)
  else return esc("[" .. t .. "]") end
end
M.json_encode = function(v, pretty) return encode(v, pretty and "  " or nil, 0, {}) end

local fixed_keys = { "timestamp", "level_name", "level_no", "logger_name", "message" }
local is_fixed = { timestamp = true, level_name = true, level_no = true, logger_name = true, message = true }

function M.json(cfg)
  cfg = check_opts("json", cfg, { pretty = true, timezone = true })
  if cfg.pretty ~= nil and type(cfg.pretty) ~= "boolean" then
    error("JSON presenter 'pretty' option must be a boolean", 2)
  end
  local utc = is_utc(cfg.timezone)
  if utc == nil then utc = true end
  local stamp = time_formatter(utc, utc and "%Y-%m-%dT%H:%M:%SZ" or "%Y-%m-%dT%H:%M:%S")
  local indent = cfg.pretty and "  " or nil
  local p = { kind = "json", config = cfg }
  p.line = function(t, lname, lno, logger, msg, ctx)
    local values = { stamp(t), lname, lno, logger, msg }
    local nl, pad, colon = "", "", ":"
    if indent then nl, pad, colon = "\n", indent, ": " end
    local parts = {}
    for i = 1, 5 do
      parts[i] = pad .. '"' .. fixed_keys[i] .. '"' .. colon .. encode(values[i], indent, 1, {})
    end
    if ctx then
      local keys = {}
      for k in pairs(ctx) do
        if not is_fixed[k] then keys[#keys + 1] = k end
      end
      sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      for _, k in ipairs(keys) do
        parts[#parts + 1] = pad .. esc(tostring(k)) .. colon .. encode(ctx[k], indent, 1, {})
      end
    end
    return "{" .. nl .. concat(parts, "," .. nl) .. nl .. "}"
  end
  local nl, pad, colon = "", "", ":"
  if indent then nl, pad, colon = "\n", indent, ": " end
  local function field(key, v) return "," .. nl .. pad .. '"' .. key .. '"' .. colon .. encode(v, indent, 1, {}) end
  p.native = { stamp = utc and "iso_utc" or "iso", json = true,
    pre = "{" .. nl .. pad .. '"timestamp"' .. colon .. '"',
    mid = function(lname, logger, lno)
      return '"' .. field("level_name", lname) .. field("level_no", lno) .. field("logger_name", logger)
        .. "," .. nl .. pad .. '"message"' .. colon
    end,
    post = nl .. "}" }
  return setmetatable(p, presenter_mt)
end

-- Outputs --------------------------------------------------------------------
-- Each output is a function(record, config) as in lual; the dispatcher
-- recognises the built-in ones and uses a direct writer instead.
-- A line to a stream that is not a file handle (any table with write and
-- flush), as lual writes it: the line, a newline, a flush; a stream that
-- fails is reported on io.stderr and logging goes on.
local function stream_write(stream, line)
  stream:write(line)
  stream:write("\n")
  if stream.flush then stream:flush() end
end

function M.write_to_stream(stream, line)
  local ok, err = pcall(stream_write, stream, line)
  if not ok then io.stderr:write("Error writing to stream: ", tostring(err), "\n") end
end

-- lual.console(record_or_line, {stream = ...}): io.stdout (as it is at the
-- call) unless a stream is given.
function M.console(record, config)
  local stream = (config and config.stream) or io.stdout
  local line = record
  if type(record) == "table" then line = record.presented_message or record.message or "" end
  M.write_to_stream(stream, tostring(line))
end

local open_files = {}   -- path -> writer
M.open_files = open_files

-- With the async "libuv" backend, files are written by a writer thread
-- (lual.native): the script only appends to memory. Switching closes the
-- open files; each reopens (appending) in the new mode on its next write.
local native_files = false
function M.set_native_files(on)
  on = on and true or false
  if on == native_files then return end
  for _, w in pairs(open_files) do w.close() end
  native_files = on
end

local function file_writer(path, max_size, max_backups)
  local w = open_files[path]
  if w then
    if max_size then
      w.max_size = max_size
      -- the async queue may have written without counting: re-read the size
      if w.target_size then w.size = w.target_size() end
    end
    if max_backups then w.max_backups = max_backups end
    return w
  end
  w = { path = path, max_size = max_size, max_backups = max_backups or 5, size = 0 }
  local fh, sink
  local function open(mode)
    if native_files then
      local s, err = require("lual.native").open(path, mode)
      if not s then error("lual.file: cannot open '" .. path .. "': " .. tostring(err), 0) end
      sink = s
      w.size = s:size()
      return
    end
    local f, err = io.open(path, mode)
    if not f then error("lual.file: cannot open '" .. path .. "': " .. tostring(err), 0) end
    f:setvbuf("full", 65536)
    fh = f
    w.size = f:seek("end") or 0
  end
  local function rotate()
    w.close()
    local n = w.max_backups
    if n > 0 then
      os.remove(path .. "." .. n)
      for i = n - 1, 1, -1 do os.rename(path .. "." .. i, path .. "." .. (i + 1)) end
      os.rename(path, path .. ".1")
    end
    open("w")
  end
  function w.write(line)
    if not fh and not sink then open("a") end
    local len = #line + 1
    local limit = w.max_size
    if limit and w.size > 0 and w.size + len > limit then rotate() end
    w.size = w.size + len
    if sink then sink:write(line .. "\n") else fh:write(line, "\n") end
  end
  function w.target_size()
    if fh then return fh:seek("end") or w.size end
    if sink then return sink:size() end
    return w.size
  end
  function w.flush()
    if fh then fh:flush() end
    if sink then sink:flush() end
  end
  function w.close()
    if fh then fh:close(); fh = nil end
    if sink then sink:close(); sink = nil end
  end
  function w.errors() return sink and sink:errors() or 0 end
  -- The open file handle or sink that the async queue may write lines to
  -- directly; nil when every write must come through w.write (rotation).
  function w.target()
    if w.max_size then return nil end
    if not fh and not sink then open("a") end
    return fh or sink
  end
  open_files[path] = w
  return w
end
M.file_writer = file_writer

-- lual.file is an output function; lual.file{path=...} also works and
-- returns a ready component.
local function file_output(record, config)
  if config == nil and type(record) == "table" and record.level_no == nil then
    return { file_output, path = record.path, max_size = record.max_size, max_backups = record.max_backups }
  end
  local path = (config and config.path) or "app.log"
  file_writer(path, config and config.max_size, config and config.max_backups)
    .write(record.presented_message or record.message)
end
M.file = file_output

local facilities = { kern = 0, user = 1, mail = 2, daemon = 3, auth = 4, syslog = 5,
  lpr = 6, news = 7, uucp = 8, cron = 9, authpriv = 10, ftp = 11,
  local0 = 16, local1 = 17, local2 = 18, local3 = 19, local4 = 20, local5 = 21, local6 = 22, local7 = 23 }
M.syslog_facilities = facilities

local function severity(level_no)
  if level_no >= 50 then return 2 elseif level_no >= 40 then return 3
  elseif level_no >= 30 then return 4 elseif level_no >= 20 then return 6 end
  return 7
end

-- Syslog over UDP (RFC 3164 framing), on lual.native's connected socket.
local syslog_sockets = {}
function M.syslog_sender(config)
  config = config or {}
  local host, port = config.host or "localhost", config.port or 514
  local facility = config.facility or "user"
  local fac = type(facility) == "number" and facility or facilities[tostring(facility):lower()]
  if not fac then error("lual.syslog: unknown facility '" .. tostring(facility) .. "'", 0) end
  local tag = config.tag or "lual"
  local hostname = config.hostname or os.getenv("HOSTNAME") or "localhost"
  local key = host .. ":" .. port
  local udp = syslog_sockets[key]
  if not udp then
    local err
    udp, err = require("lual.native").udp(host, port)
    if not udp then error("lual.syslog: " .. err, 0) end
    syslog_sockets[key] = udp
  end
  return function(level_no, t, msg)
    local pri = fac * 8 + severity(level_no)
    local stamp = os.date("%b %d %H:%M:%S", t):gsub("^(%a+) 0", "%1  ")
    local ok, err = udp:send(sformat("<%d>%s %s %s: %s", pri, stamp, hostname, tag, msg))
    if not ok then error("lual.syslog: " .. err, 0) end
  end
end

function M.syslog(record, config)
  M.syslog_sender(config)(record.level_no, record.timestamp or os.time(),
    record.message or record.presented_message)
end

-- Transformers -----------------------------------------------------------------
-- lual.noop is a transformer factory, as in lual: lual.noop([config])
-- returns a callable transformer that hands its record back unchanged
-- (the same table), with the schema of its options (it has none).
local noop_mt = { __call = function(_, record) return record end }
function M.noop(config)
  return setmetatable({ schema = { fields = {} }, config = config or {} }, noop_mt)
end

return M
