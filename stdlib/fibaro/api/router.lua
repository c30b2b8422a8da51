-- The HC3 REST API's routing: resource modules register handlers here;
-- dispatch() finds one for (method, path) and returns what it answers,
-- body and HTTP status, as the box's REST server would (the body of an
-- error is the HC3's { type = "ERROR", reason, message } record). What
-- api.get & co. make of that for a QuickApp is api/init.lua's business.
local json = require("json")
local model = require("plua.fibaro.model")

local M = {}
-- A route's pattern is a path of segments, each a literal ("devices") or
-- one capture of the whole segment ("(%d+)"). Routes are kept by first
-- segment and segment count, in registration order, so a request is tried
-- only against the few of its own shape; a segment matches by string
-- equality, a capture by an anchored pattern on that segment alone.
-- { method, handler(captures, data, query), segments, captures }: segments[i]
-- a literal, or for a capture (captures[i] true) its anchored pattern.
local by_shape = {}  -- first literal segment -> segment count -> routes
local any_first = {} -- segment count -> routes whose first segment captures

local function shape_list(lists, n)
  local list = lists[n]
  if not list then
    list = {}
    lists[n] = list
  end
  return list
end

-- handler(captures, data, query) -> body, status
function M.route(method, pattern, handler)
  local segments, captures = {}, {}
  -- Inside one segment "[^/]" is any character: so it splits at every /.
  for segment in pattern:gsub("%[%^/%]", "."):gmatch("[^/]+") do
    local inner = segment:match("^%((.*)%)$")
    segments[#segments + 1] = inner and "^(" .. inner .. ")$" or segment
    captures[#segments] = inner ~= nil
    assert(inner or not segment:find("[%(%)%%%[%]%*%+%-%?%^%$%.]"), "router: a segment is a literal or one capture: " .. pattern)
  end
  local r = { method, handler, segments, captures }
  local n = #segments
  if n > 0 and not captures[1] then
    by_shape[segments[1]] = by_shape[segments[1]] or {}
    local list = shape_list(by_shape[segments[1]], n)
    list[#list + 1] = r
  else
    local list = shape_list(any_first, n)
    list[#list + 1] = r
  end
end

-- The captures of route r for the path's segments, or nil when it does not
-- match.
local function match(r, parts, n)
  local segments, captures = r[3], r[4]
  for i = 1, n do
    if not captures[i] and parts[i] ~= segments[i] then return nil end
  end
  local found = {}
  for i = 1, n do
    if captures[i] then
      local c = parts[i]:match(segments[i])
      if not c then return nil end
      found[#found + 1] = c
    end
  end
  return found
end

-- The first route of `list` for (method, parts): it and its captures;
-- else nil, nil, whether one matched with another method.
local function search(list, method, parts, n)
  local other_method = false
  if not list then return nil, nil, false end
  for _, r in ipairs(list) do
    local found = match(r, parts, n)
    if found then
      if r[1] == method then return r, found end
      other_method = true
    end
  end
  return nil, nil, other_method
end

function M.error(status, reason, message)
  return { type = "ERROR", reason = reason, message = message }, status
end
function M.not_found(what) return M.error(404, "NotFound", what .. " not found") end
function M.bad_request(message) return M.error(400, "BadRequest", message) end
function M.conflict(what) return M.error(409, "Conflict", what .. " already exists") end

-- What a route answers that is model data: a copy (the caller may change
-- it), except for a caller that only encodes the answer at once (the REST
-- server: dispatch(..., true)), which cannot. Set afresh by every dispatch.
local encoding = false
function M.out(v)
  if encoding then return v end
  return model.copy(v)
end
-- Whether the dispatch in progress is the REST server's (no script line
-- made the request).
function M.serving() return encoding end

-- A number from a path, query or JSON field (nil if it is none).
function M.number_of(v)
  if type(v) == "number" then return v end
  if type(v) == "string" then return tonumber(v) end
  return nil
end

-- A query-string value as the HC3 reads it: true/false and numbers typed.
function M.scalar(v)
  if v == "true" then return true elseif v == "false" then return false end
  return math.tointeger(tonumber(v)) or tonumber(v) or v
end

local function unescape(s)
  return (s:gsub("+", " "):gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function parse_query(q)
  local out = {}
  for pair in q:gmatch("[^&]+") do
    local k, v = pair:match("^([^=]*)=?(.*)$")
    out[unescape(k)] = unescape(v)
  end
  return out
end

-- A path, parsed: { clean, query text or nil, segments, segment count }.
-- clean is the path as the routes see it (no /api prefix, query or
-- trailing /); its segments split it at every / ("" between two slashes is
-- one). Kept by path, read-only, since clients ask the same paths again
-- and again (a dashboard polls /api/devices/ID): up to kParsed of them,
-- then the table starts afresh, so that unique paths cannot make it grow.
local kParsed = 256
local parsed, nparsed = {}, 0

local function parse(path)
  local p = parsed[path]
  if p then return p end
  local q = path:find("?", 1, true)
  local clean = q and path:sub(1, q - 1) or path
  if clean:sub(1, 5) == "/api/" then
    clean = clean:sub(5)
  elseif clean == "/api" then
    clean = ""
  end
  if clean:byte(-1) == 47 then clean = clean:gsub("/+$", "") end
  local segments, n = {}, 0
  if clean:byte(1) == 47 then
    local from = 2
    while true do
      local slash = clean:find("/", from, true)
      n = n + 1
      segments[n] = clean:sub(from, (slash or 0) - 1)
      if not slash then break end
      from = slash + 1
    end
  end
  p = { clean, q and path:sub(q + 1) or nil, segments, n }
  if nparsed >= kParsed then parsed, nparsed = {}, 0 end
  parsed[path], nparsed = p, nparsed + 1
  return p
end

-- A request's path as the routes see it and its query as a table (a new
-- one: the caller may change it).
function M.split(path)
  local p = parse(path)
  return p[1], p[2] and parse_query(p[2]) or {}
end

-- The item of `list` whose id is `id` (a copy, 200), or a 404 naming `what`.
function M.by_id(list, id, what)
  local n = M.number_of(id)
  for _, item in ipairs(list) do
    if item.id == n then return model.copy(item), 200 end
  end
  return M.not_found(what)
end

-- Parts of the HC3's REST API the emulation does not have (radio
-- networks, firmware, backups, consumption history): 501, the box has
-- them and plua does not. Any other path without a route is 404, as the
-- box answers for a thing that does not exist.
local not_emulated = {}
for name in ([[zwave zigbee nice service system consumption linkedDevices networkDiscovery fti userActivity
  favoriteColors sortOrder categories loginStatus notifications energy]]):gmatch("%S+") do
  not_emulated[name] = true
end

-- (method, path, data [, encoded]) -> body, status. data is a table, a
-- JSON text or nil; a path may start with /api/ and carry a query. 405 for
-- a known path with another method, as the box; else 501 or 404 (see
-- above). encoded: the caller only encodes the body, at once (see out).
function M.dispatch(method, path, data, encoded)
  encoding = encoded == true
  if type(data) == "string" then
    local ok, decoded = pcall(json.decode, data)
    if not ok then return M.bad_request(decoded) end
    if type(decoded) ~= "table" then return M.bad_request("JSON object expected") end
    data = decoded
  end
  data = data or {}
  local p = parse(path)
  local clean, parts, n = p[1], p[3], p[4]
  local query = p[2] and parse_query(p[2]) or {}
  local literal = n > 0 and by_shape[parts[1]]
  local r, found, other_method = search(literal and literal[n], method, parts, n)
  if not r then
    local other
    r, found, other = search(any_first[n], method, parts, n)
    other_method = other_method or other
  end
  if r then return r[2](found, data, query) end
  if other_method then return M.error(405, "MethodNotAllowed", method .. " is not allowed on " .. clean) end
  if not_emulated[clean:match("^/([^/]+)")] then
    return M.error(501, "NotImplemented", method .. " " .. clean .. " is not emulated offline")
  end
  return M.error(404, "NotFound", "no such resource: " .. clean)
end

return M
