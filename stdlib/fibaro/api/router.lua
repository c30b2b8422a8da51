-- The HC3 REST API's routing: resource modules register handlers here;
-- dispatch() finds one for (method, path) and returns what it answers,
-- body and HTTP status, as the box's REST server would (the body of an
-- error is the HC3's { type = "ERROR", reason, message } record). What
-- api.get & co. make of that for a QuickApp is api/init.lua's business.
local json = require("json")
local model = require("plua.fibaro.model")

local M = {}
-- Routes in registration order, { method, anchored pattern, handler(captures,
-- data, query), has_captures }, kept per first path segment: a path is
-- tried only against the routes of its own first segment ("/devices/12"
-- against those of "devices") and those whose first segment is a pattern.
local by_segment = {}  -- literal first segment -> routes, in order
local any_segment = {} -- routes whose first segment is not a literal

local function literal_segment(pattern)
  local segment, rest = pattern:match("^/([%w_]+)(.*)$")
  if segment and (rest == "" or rest:sub(1, 1) == "/") then return segment end
  return nil
end

-- handler(captures, data, query) -> body, status
function M.route(method, pattern, handler)
  local r = { method, "^" .. pattern .. "$", handler, pattern:find("%(") ~= nil }
  local segment = literal_segment(pattern)
  if segment then
    local list = by_segment[segment]
    if not list then
      list = {}
      for i, g in ipairs(any_segment) do list[i] = g end -- those registered before, in order
      by_segment[segment] = list
    end
    list[#list + 1] = r
  else
    any_segment[#any_segment + 1] = r
    for _, list in pairs(by_segment) do list[#list + 1] = r end
  end
end

local function candidates(clean)
  return by_segment[clean:match("^/([^/]+)")] or any_segment
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

-- A request's path as the routes see it (no /api prefix, query or
-- trailing /) and its query as a table.
function M.split(path)
  local clean, q = path:match("^([^?]*)%??(.*)$")
  clean = clean:gsub("^/api/", "/"):gsub("/+$", "")
  if clean == "/api" then clean = "" end
  return clean, parse_query(q)
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
  local clean, query = M.split(path)
  local other_method = false
  for _, r in ipairs(candidates(clean)) do
    if clean:find(r[2]) then
      if r[1] == method then
        return r[3](r[4] and { clean:match(r[2]) } or {}, data, query)
      end
      other_method = true
    end
  end
  if other_method then return M.error(405, "MethodNotAllowed", method .. " is not allowed on " .. clean) end
  if not_emulated[clean:match("^/([^/]+)")] then
    return M.error(501, "NotImplemented", method .. " " .. clean .. " is not emulated offline")
  end
  return M.error(404, "NotFound", "no such resource: " .. clean)
end

return M
