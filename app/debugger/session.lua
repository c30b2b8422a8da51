-- The debuggee side of the MobDebug protocol, run by debugger.cpp's line
-- hook when a line may matter (a breakpoint on that line number in some
-- file, a step pending, a watch set, or a command waiting on the socket).
-- Called as on_line(line, pending) inside the hook, in the thread that hit
-- the line: level 2 is the paused function, and while the command loop
-- waits for the IDE, the whole runtime waits.
--
-- File names: a chunk "@path" is known by its absolute, normalized path;
-- the IDE names files relative to its BASEDIR, absolutely, or as "@"-prefixed
-- chunk names, and is told the name relative to BASEDIR when the file is
-- under it. Bundled modules keep their "[plua]/..." names.

local native = ...
local send, receive = native.send, native.receive
local getinfo, getlocal, setlocal = debug.getinfo, debug.getlocal, debug.setlocal
local getupvalue, setupvalue = debug.getupvalue, debug.setupvalue
local running = coroutine.running
local exit, real_print, stderr = os.exit, print, io.stderr
local G = _G

local cwd = (native.cwd() or ".") .. "/"
local basedir = ""        -- BASEDIR, with its trailing "/"
local breakpoints = {}    -- [line] = {[file key] = true}
local watches = {}        -- [index] = compiled expression, or false once deleted
local watch_count = 0
local watch_vars = {}     -- what watch expressions see: the paused frame's variables
local watch_env = setmetatable({}, {__index = function(_, k) return watch_vars[k] end})
local started = false     -- the first pause (at the script's first line) says nothing
local step = "into"       -- nil | "into" | "over"
local step_co, step_depth
local on_line

local function warn(message)
  stderr:write("plua: debugger: ", message, "\n")
end

-- ---- file names ----------------------------------------------------------------

local function normalize(path)
  local n
  repeat path, n = path:gsub("/%./", "/") until n == 0
  repeat path, n = path:gsub("//+", "/") until n == 0
  repeat path, n = path:gsub("[^/]+/%.%./", "", 1) until n == 0
  return path
end

local function absolute(path)
  path = path:gsub("\\", "/")
  if path:sub(1, 1) ~= "/" then path = cwd .. path end
  return normalize(path)
end

local function bundled(name) return name:sub(1, 7) == "[plua]/" end

-- chunk source -> {key = absolute name, given = name as loaded, user = a file of the user's}
local sources = {}
local function source_of(src)
  local known = sources[src]
  if known then return known end
  -- Other chunks (load("..."), "=stdin") are never stopped in, and not
  -- kept: their source may be the whole text of the chunk.
  if src:sub(1, 1) ~= "@" then return {key = src, given = src, user = false} end
  local name = src:sub(2):gsub("\\", "/")
  if name:sub(1, 2) == "./" then name = name:sub(3) end
  local user = not bundled(name)
  known = {key = user and absolute(name) or name, given = name, user = user}
  sources[src] = known
  return known
end

-- The name the IDE knows a source by.
local function shown(source)
  if basedir == "" then return source.given end
  if source.key:sub(1, #basedir) == basedir then return source.key:sub(#basedir + 1) end
  return source.key
end

-- A file named by the IDE -> the key of its source.
local function breakpoint_key(file)
  if file:sub(1, 1) == "@" then file = file:sub(2) end
  file = file:gsub("\\", "/")
  if bundled(file) then return file end
  if file:sub(1, 1) ~= "/" and basedir ~= "" then return normalize(basedir .. file) end
  return absolute(file)
end

-- ---- breakpoints ----------------------------------------------------------------

local function set_breakpoint(file, line)
  local key = breakpoint_key(file)
  if not bundled(key) then
    local f = io.open(key, "r")
    if not f then
      warn(("breakpoint at %s:%d: no such file (%s); ignored"):format(file, line, key))
      return
    end
    f:close()
  end
  local files = breakpoints[line] or {}
  breakpoints[line] = files
  files[key] = true
  native.mark(line, true)
end

local function remove_breakpoint(file, line)
  if file == "*" and line == 0 then
    for l in pairs(breakpoints) do native.mark(l, false) end
    breakpoints = {}
    return
  end
  local files = breakpoints[line]
  if not files then return end
  files[breakpoint_key(file)] = nil
  if next(files) == nil then
    breakpoints[line] = nil
    native.mark(line, false)
  end
end

-- "SETB file line" / "DELB file line": true when well formed.
local function breakpoint_command(text)
  local command, file, line = text:match("^([A-Z]+)%s+(.-)%s+(%d+)%s*$")
  if not file then return false end
  if command == "SETB" then set_breakpoint(file, tonumber(line)) else remove_breakpoint(file, tonumber(line)) end
  return true
end

-- ---- values as Lua source (what the IDEs load back) ------------------------------

local keywords = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do keywords[word] = true end

local function text_of(v)
  local ok, s = pcall(tostring, v)
  return ok and type(s) == "string" and s or "?"
end

local function quote(s)
  return (("%q"):format(s):gsub("\\\n", "\\n"))
end

local function key_order(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  return text_of(a) < text_of(b)
end

local literal
local function table_literal(t, seen, depth, limit)
  if seen[t] then return "nil --[[" .. text_of(t) .. "]]" end
  if depth > limit then return "{} --[[" .. text_of(t) .. "]]" end
  seen[t] = true
  local count, top = 0, 0
  for k in next, t do
    if math.type(k) == "integer" and k > 0 then
      count = count + 1
      if k > top then top = k end
    end
  end
  if top > 2 * count then top = 0 end  -- sparse: keyed below
  local parts = {}
  for i = 1, top do parts[i] = literal(rawget(t, i), seen, depth + 1, limit) end
  local keys = {}
  for k in next, t do
    if not (math.type(k) == "integer" and k > 0 and k <= top) then keys[#keys + 1] = k end
  end
  table.sort(keys, key_order)
  for _, k in ipairs(keys) do
    local name = type(k) == "string" and k:match("^[%a_][%w_]*$") and not keywords[k] and k
      or "[" .. literal(k, seen, depth + 1, limit) .. "]"
    parts[#parts + 1] = name .. "=" .. literal(rawget(t, k), seen, depth + 1, limit)
  end
  seen[t] = nil
  return "{" .. table.concat(parts, ",") .. "}"
end

literal = function(v, seen, depth, limit)
  local kind = type(v)
  if kind == "string" then return quote(v) end
  if kind == "number" then
    if math.type(v) == "integer" then
      return v == math.mininteger and "math.mininteger" or ("%d"):format(v)
    end
    if v ~= v then return "0/0" end
    if v == math.huge then return "math.huge" end
    if v == -math.huge then return "-math.huge" end
    local s = ("%.17g"):format(v)
    return s:find("[%.eEn]") and s or s .. ".0"
  end
  if kind == "nil" or kind == "boolean" then return tostring(v) end
  if kind == "table" then return table_literal(v, seen, depth, limit) end
  if kind == "function" then return "function() --[[" .. text_of(v) .. "]] end" end
  return "nil --[[" .. text_of(v) .. "]]"
end

-- limit: how deep tables are written out (deeper ones are {} with a comment).
local function line_of(v, limit) return literal(v, {}, 0, limit or 16) end
local function dump(v, limit) return "do local _=" .. literal(v, {}, 0, limit or 16) .. ";return _;end" end

-- The {...} of "COMMAND ... -- {key = value, ...}", or {}.
local function options_of(text)
  local params = text:match("%-%-%s*(%b{})%s*$")
  if not params then return {} end
  local f = load("return " .. params, "=(params)", "t", {})
  local ok, value = pcall(f or error)
  return ok and type(value) == "table" and value or {}
end

-- ---- the paused frame -----------------------------------------------------------

-- The level, for the caller of this function, of the n-th frame of the
-- debuggee (1: the paused function, just below on_line).
local function debuggee_level(n)
  local level = 3
  while true do
    local info = getinfo(level, "f")
    if not info then return nil end
    if info.func == on_line then return level + n - 1 end
    level = level + 1
  end
end

-- Frames from the paused one down to the bottom of its thread.
local function depth()
  local level = debuggee_level(1)
  local d = 0
  while getinfo(level + d, "l") do d = d + 1 end
  return d
end

local function frames_of(co)
  local n = 0
  while getinfo(co, n, "l") do n = n + 1 end
  return n
end

-- Whether a pending step ends at this line. Over and out end in the stepping
-- thread once it is back at the depth the step started from; when that
-- thread has nothing left to return to (the callback ended and its task
-- waits for the next one, or the coroutine is dead), the step ends at the
-- next line of the script wherever it runs. A thread that slept or resumed
-- another coroutine is still in the step: it is waited for.
local function step_done()
  if step == "into" then return true end
  local co = running()
  if co == step_co then return depth() <= step_depth end
  local status = coroutine.status(step_co)
  return status == "dead" or status == "suspended" and frames_of(step_co) < step_depth
end

-- The variables of frame n as one table (upvalues, then locals over them),
-- reading and writing globals through the function's _ENV; and its varargs.
local function capture(n)
  local level = debuggee_level(n)
  local info = getinfo(level, "f")
  if not info then return {}, {} end
  local vars, env = {}, nil
  local i = 1
  while info.func do
    local name, value = getupvalue(info.func, i)
    if not name then break end
    if name == "_ENV" then env = value end
    vars[name] = value
    i = i + 1
  end
  i = 1
  while true do
    local name, value = getlocal(level, i)
    if not name then break end
    if name:sub(1, 1) ~= "(" then vars[name] = value end
    i = i + 1
  end
  local varargs = {n = 0}
  i = 1
  while true do
    local name, value = getlocal(level, -i)
    if not name then break end
    varargs[i], varargs.n = value, i
    i = i + 1
  end
  env = env or G
  return setmetatable(vars, {__index = env, __newindex = env}), varargs
end

-- Writes back what an EXEC changed in frame n's locals and upvalues.
local function restore(n, vars)
  local level = debuggee_level(n)
  local info = getinfo(level, "f")
  if not info then return end
  local count = 0
  while getlocal(level, count + 1) do count = count + 1 end
  local written = {}
  for i = count, 1, -1 do
    local name, value = getlocal(level, i)
    if name:sub(1, 1) ~= "(" and not written[name] then
      written[name] = true
      local new = rawget(vars, name)
      if new ~= value then setlocal(level, i, new) end
    end
  end
  local i = 1
  while info.func do
    local name, value = getupvalue(info.func, i)
    if not name then break end
    if not written[name] then
      written[name] = true
      local new = rawget(vars, name)
      if new ~= value then setupvalue(info.func, i, new) end
    end
    i = i + 1
  end
end

-- STACK: {{name, file, linedefined, currentline, what, namewhat, short_src}, locals, upvalues}
-- per frame, each variable as {value, tostring(value)}.
local function stack_frames()
  local frames = {}
  local level = debuggee_level(1)
  while true do
    local info = getinfo(level, "Snlf")
    if not info then break end
    local file = info.source
    if file:sub(1, 1) == "@" then file = shown(source_of(file)) end
    local locals, ups = {}, {}
    local i = 1
    while true do
      local name, value = getlocal(level, i)
      if not name then break end
      if name:sub(1, 1) ~= "(" then locals[name] = {value, text_of(value)} end
      i = i + 1
    end
    i = 1
    while true do
      local name, value = getlocal(level, -i)
      if not name then break end
      locals[("(*vararg %d)"):format(i)] = {value, text_of(value)}
      i = i + 1
    end
    i = 1
    while info.func do
      local name, value = getupvalue(info.func, i)
      if not name then break end
      ups[name] = {value, text_of(value)}
      i = i + 1
    end
    frames[#frames + 1] = {{info.name, file, info.linedefined, info.currentline, info.what, info.namewhat,
      info.short_src}, locals, ups}
    if info.what == "main" then break end
    level = level + 1
  end
  return frames
end

-- EXEC chunk [-- {stack = n, ...}]: the results, each as a Lua literal, as one table.
local function exec(chunk, vars, varargs)
  local options = options_of(chunk)
  local frame = math.tointeger(tonumber(options.stack))
  if frame and frame > 1 then vars, varargs = capture(frame) end
  local f, err = load(chunk, "=(exec)", "t", vars)
  if not f then
    f = load("return " .. chunk, "=(exec)", "t", vars)
    if not f then return nil, err end
  end
  local results = table.pack(pcall(f, table.unpack(varargs, 1, varargs.n)))
  if not results[1] then return nil, text_of(results[2]) end
  local lines = {}
  local limit = math.tointeger(tonumber(options.maxlevel))
  for i = 2, results.n do lines[i - 1] = line_of(results[i], limit) end
  return dump(lines)
end

-- ---- output -----------------------------------------------------------------------

-- OUTPUT stdout c|r|d: what the script writes to stdout (print, io.write,
-- io.stdout:write, so also a QuickApp's log lines) goes to the IDE as well
-- (c), only there (r), or back to stdout alone (d).
local file_methods = getmetatable(io.stdout).__index
local real_write, real_io_write = file_methods.write, io.write
local io_output, stdout_file = io.output, io.stdout

local function to_ide(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = text_of(parts[i]) end
  local text = table.concat(parts, "", 1, parts.n)
  return send("204 Output stdout " .. #text .. "\n" .. text)
end

local redirected = false
local function set_output(mode)
  redirected = mode ~= "d"
  if mode == "d" then
    G.print, io.write, file_methods.write = real_print, real_io_write, real_write
    return
  end
  local copy = mode == "c"
  G.print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = text_of(parts[i]) end
    local sent = to_ide(table.concat(parts, "\t", 1, parts.n), "\n")
    if copy or not sent then real_print(...) end
  end
  io.write = function(...)
    if io_output() ~= stdout_file then return real_io_write(...) end
    local sent = to_ide(...)
    if copy or not sent then return real_io_write(...) end
    return stdout_file
  end
  file_methods.write = function(file, ...)
    if file ~= stdout_file then return real_write(file, ...) end
    local sent = to_ide(...)
    if copy or not sent then return real_write(file, ...) end
    return file
  end
end

-- ---- the session ------------------------------------------------------------------

local function stop_stepping()
  step = nil
  native.set_stepping(false)
end

local function gone_message(why)
  if why == "interrupted" then return "interrupted while paused; the debugger lets go" end
  return "the IDE closed the connection; the script goes on"
end

-- The IDE closed the connection, or said DONE: the script goes on alone.
local function detach(message)
  if message then warn(message) end
  native.detach()
  stop_stepping()
  if redirected then set_output("d") end
end

-- Commands until one resumes the script.
local function command_loop(vars, varargs, source, line)
  while true do
    local text, why = receive()
    if not text then return detach(gone_message(why)) end
    local command = text:match("^[A-Z]+") or ""
    if command == "SETB" or command == "DELB" then
      send(breakpoint_command(text) and "200 OK\n" or "400 Bad Request\n")
    elseif command == "EXEC" then
      local chunk = text:match("^[A-Z]+%s+(.+)$")
      if not chunk then
        send("400 Bad Request\n")
      else
        local result, err = exec(chunk, vars, varargs)
        if result then
          send("200 OK " .. #result .. "\n" .. result)
        else
          err = err or "unknown error"
          send("401 Error in Expression " .. #err .. "\n" .. err)
        end
      end
    elseif command == "SETW" then
      local expression = text:match("^[A-Z]+%s+(.+)$")
      local f, err
      if expression then f, err = load("return (" .. expression .. ")", "=(watch)", "t", watch_env) end
      if f then
        watches[#watches + 1] = f
        watch_count = watch_count + 1
        native.set_watching(true)
        send("200 OK " .. #watches .. "\n")
      elseif err then
        send("401 Error in Expression " .. #err .. "\n" .. err)
      else
        send("400 Bad Request\n")
      end
    elseif command == "DELW" then
      local index = math.tointeger(tonumber(text:match("^[A-Z]+%s+(%d+)%s*$")))
      if index and watches[index] then
        watches[index] = false
        watch_count = watch_count - 1
        native.set_watching(watch_count > 0)
        send("200 OK\n")
      else
        send("400 Bad Request\n")
      end
    elseif command == "RUN" then
      send("200 OK\n")
      return
    elseif command == "STEP" then
      send("200 OK\n")
      step = "into"
      native.set_stepping(true)
      return
    elseif command == "OVER" or command == "OUT" then
      send("200 OK\n")
      step, step_co = "over", running()
      step_depth = depth() - (command == "OUT" and 1 or 0)
      native.set_stepping(true)
      return
    elseif command == "BASEDIR" then
      local dir = text:match("^[A-Z]+%s+(.-)%s*$")
      if dir and dir ~= "" then
        dir = dir:gsub("\\", "/")
        basedir = dir:sub(-1) == "/" and dir or dir .. "/"
        send("200 OK\n")
      else
        send("400 Bad Request\n")
      end
    elseif command == "STACK" then
      restore(1, vars)
      -- maxlevel counts from the values: frames, frame, its parts and {value, text} come first.
      local limit = math.tointeger(tonumber(options_of(text).maxlevel))
      local ok, result = pcall(dump, stack_frames(), limit and limit + 3)
      if ok then
        send("200 OK " .. result .. "\n")
      else
        result = text_of(result)
        send("401 Error in Execution " .. #result .. "\n" .. result)
      end
    elseif command == "OUTPUT" then
      local stream, mode = text:match("^[A-Z]+%s+(%w+)%s+([dcr])%s*$")
      if stream == "stdout" then
        set_output(mode)
        send("200 OK\n")
      else
        send("400 Bad Request\n")
      end
    elseif command == "LOAD" then
      local size = math.tointeger(tonumber(text:match("^[A-Z]+%s+(%d+)")))
      if size and size > 0 then native.receive_bytes(size) end
      send("201 Started " .. shown(source) .. " " .. line .. "\n")
    elseif command == "SUSPEND" then
      -- already paused
    elseif command == "DONE" then
      return detach()
    elseif command == "EXIT" then
      send("200 OK\n")
      exit(1)
    else
      send("400 Bad Request\n")
    end
  end
end

local function pause(source, line, watch)
  stop_stepping()
  if started then
    local where = shown(source) .. " " .. line
    local ok
    if watch then ok = send("203 Paused " .. where .. " " .. watch .. "\n")
    else ok = send("202 Paused " .. where .. "\n") end
    if not ok then return detach("the IDE closed the connection; the script goes on") end
  end
  started = true
  local vars, varargs = capture(1)
  watch_vars = vars
  command_loop(vars, varargs, source, line)
  restore(1, vars)
end

-- A command arrived while the script ran: SUSPEND pauses at the next line
-- of the script; breakpoints are set and deleted without a reply.
local function pending_command(source, line)
  local text, why = receive()
  if not text then return detach(gone_message(why)) end
  local command = text:match("^[A-Z]+") or ""
  if command == "SETB" or command == "DELB" then
    breakpoint_command(text)
  elseif command == "SUSPEND" then
    if source.user then
      pause(source, line)
      return
    end
    step = "into"
    native.set_stepping(true)
  end
end

-- No tail calls on the way from here to the command loop: the frames below
-- are found by looking for this function on the stack.
on_line = function(line, pending)
  local source = source_of(getinfo(2, "S").source)
  if pending then
    pending_command(source, line)
    return
  end
  if source.user and step and step_done() then
    pause(source, line)
    return
  end
  local files = breakpoints[line]
  if files and files[source.key] then
    pause(source, line)
    return
  end
  if watch_count > 0 and source.user then
    watch_vars = capture(1)
    for index, watch in ipairs(watches) do
      if watch then
        local ok, value = pcall(watch)
        if ok and value then
          pause(source, line, index)
          return
        end
      end
    end
  end
end

return on_line
