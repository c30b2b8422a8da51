-- api.get/post/put/delete(path [, data]) -> data, status: the HC3 REST API
-- over the emulated controller. Unknown paths answer nil, 501.
local model = require("plua.fibaro.model")
local json = require("json")
local clock = require("plua.fibaro.clock")
local fibaro = require("plua.fibaro.hub")
local tasks = require("plua.fibaro.tasks")
local args = require("plua.args")

local api = {}
local routes = {} -- { method, pattern, handler(captures, data, query) }

local function route(method, pattern, handler)
  routes[#routes + 1] = { method, "^" .. pattern .. "$", handler }
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

local function scalar(v)
  if v == "true" then return true elseif v == "false" then return false end
  return math.tointeger(tonumber(v)) or tonumber(v) or v
end

-- A number from a path, query or JSON field (nil if it is none).
local function number_of(v)
  if type(v) == "number" then return v end
  if type(v) == "string" then return tonumber(v) end
  return nil
end

local function device_or_404(id)
  local n = number_of(id)
  if n == 1 then model.refresh_sun() end
  return n and model.devices[n]
end

local function not_found(what) return { type = "ERROR", reason = "NotFound", message = what .. " not found" }, 404 end
local function bad_request(message) return { type = "ERROR", reason = "BadRequest", message = message }, 400 end

-- A global variable's value: a string, or a number or boolean (stored as
-- its string); nil is "".
local function global_value_error(value)
  local t = type(value)
  if t == "nil" or t == "string" or t == "number" or t == "boolean" then return nil end
  return "value must be a string, got " .. t
end

-- POST of a named thing (global variable, custom event): 400 without a
-- name, 409 if it exists, else create(data) and 201 with the new record.
local function create_named(data, store, what, create)
  if model.name_error(data.name, "name") then return bad_request("name expected") end
  if store[data.name] then
    return { type = "ERROR", reason = "Conflict", message = what .. " already exists" }, 409
  end
  create(data)
  return model.copy(store[data.name]), 201
end

local function get_named(store, name, what)
  if not store[name] then return not_found(what) end
  return model.copy(store[name]), 200
end

-- ---- devices -----------------------------------------------------------------

route("GET", "/devices", function(_, _, query)
  local filter, property = {}, nil
  for k, v in pairs(query) do
    if k == "interface" then
      filter.interfaces = { v }
    elseif k == "property" then
      -- property=[name,value] or property=name
      local name, value = v:match("^%[([^,]+),(.*)%]$")
      property = name and { name, scalar(value) } or { v }
    else
      filter[k] = scalar(v)
    end
  end
  local list = {}
  model.refresh_sun()
  for _, id in ipairs(model.device_ids()) do
    local device = model.devices[id]
    local ok = fibaro._matches(device, filter)
    if ok and property then
      local have = device.properties[property[1]]
      ok = have ~= nil and (property[2] == nil or have == property[2])
    end
    if ok then list[#list + 1] = model.copy(device) end
  end
  return list, 200
end)

route("GET", "/devices/(-?%d+)", function(c)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
  return model.copy(device), 200
end)

-- What PUT /devices/{id} may change, and how each field is checked.
local device_fields = {
  { "name", function(v) return model.name_error(v, "name") end },
  { "enabled", function(v) return type(v) ~= "boolean" and "enabled must be a boolean, got " .. type(v) end },
  { "visible", function(v) return type(v) ~= "boolean" and "visible must be a boolean, got " .. type(v) end },
  { "roomID", function(v) return math.type(v) ~= "integer" and "roomID must be an integer, got " .. type(v) end },
  { "properties", function(v)
    local err = model.properties_error(v)
    return err and "properties: " .. err
  end },
}

route("PUT", "/devices/(-?%d+)", function(c, data)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
  for _, field in ipairs(device_fields) do
    local err = data[field[1]] ~= nil and field[2](data[field[1]])
    if err then return bad_request(err) end
  end
  for _, key in ipairs({ "name", "enabled", "visible", "roomID" }) do
    if data[key] ~= nil then device[key] = data[key] end
  end
  if type(data.properties) == "table" then
    for name, value in pairs(data.properties) do model.set_property(device.id, name, value) end
  end
  local object = model.objects[device.id]
  if object then object.name = device.name end
  model.emit("DeviceModifiedEvent", { id = device.id })
  return model.copy(device), 200
end)

-- Creates a device of a known type (as a QuickApp would have it):
-- { name, type [, parentId, properties, interfaces, enabled, visible, roomID] };
-- 201 and the new device, 400 for a missing name or an unknown type.
route("POST", "/devices", function(_, data)
  for _, field in ipairs(device_fields) do
    local err = data[field[1]] ~= nil and field[2](data[field[1]])
    if err then return bad_request(err) end
  end
  if data.name == nil then return bad_request(model.name_error(nil, "name")) end
  if type(data.type) ~= "string" then return bad_request("type expected, got " .. type(data.type)) end
  if not model.is_known_type(data.type) then
    return bad_request(("type must be a known device type (e.g. com.fibaro.binarySwitch), got '%s'"):format(data.type))
  end
  local parent = data.parentId
  if parent ~= nil and parent ~= 0 and not (math.type(parent) == "integer" and model.devices[parent]) then
    return bad_request("parentId must be 0 or the id of a device, got " .. model.describe(parent))
  end
  local interfaces = data.interfaces
  if interfaces ~= nil then
    local ok = type(interfaces) == "table"
    for k, v in pairs(ok and interfaces or {}) do
      ok = ok and math.type(k) == "integer" and type(v) == "string"
    end
    if not ok then return bad_request("interfaces must be a list of strings") end
  end
  local device = model.create_device({ name = data.name, type = data.type, parentId = parent,
    properties = data.properties, interfaces = interfaces })
  for _, key in ipairs({ "enabled", "visible", "roomID" }) do
    if data[key] ~= nil then device[key] = data[key] end
  end
  return model.copy(device), 201
end)

route("DELETE", "/devices/(-?%d+)", function(c)
  if not device_or_404(c[1]) then return not_found("Device") end
  model.remove_device(tonumber(c[1]))
  return nil, 200
end)

-- Actions run asynchronously, like fibaro.call.
local function action(c, data)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
  local action_args = type(data) == "table" and type(data.args) == "table" and data.args or {}
  fibaro._call_from(device.id, c[2], table.unpack(action_args))
  return { message = "Accepted" }, 202
end
route("POST", "/devices/(-?%d+)/action/([%w_]+)", action)
route("GET", "/devices/(-?%d+)/action/([%w_]+)", action)

-- ---- plugins (what a QuickApp's own UI and properties go through) -----------

local function ui_event(_, data, query)
  local e = next(query) and query or data
  local id = number_of(e.deviceID or e.deviceId)
  local object = id and model.objects[id]
  if not object then return not_found("Device") end
  if type(e.elementName) ~= "string" then return bad_request("elementName expected") end
  if e.eventType ~= nil and type(e.eventType) ~= "string" then return bad_request("eventType must be a string") end
  if e.values ~= nil and type(e.values) ~= "table" then return bad_request("values must be a list") end
  local values = e.values or (e.value ~= nil and { scalar(e.value) } or {})
  local event = { deviceId = id, elementName = e.elementName, eventType = e.eventType or "onReleased", values = values }
  tasks.post(function() object:UIHandler(event) end, "ui")
  return nil, 200
end
route("GET", "/plugins/callUIEvent", ui_event)
route("POST", "/plugins/callUIEvent", ui_event)

route("POST", "/plugins/updateProperty", function(_, data)
  local id = number_of(data.deviceId)
  if not (id and model.devices[id]) then return not_found("Device") end
  if model.name_error(data.propertyName, "propertyName") then return bad_request("propertyName expected") end
  local err = model.property_error(data.propertyName, data.value)
  if err then return bad_request(err) end
  model.set_property(id, data.propertyName, data.value)
  return nil, 200
end)

route("GET", "/plugins/getView", function(_, _, query)
  local device = device_or_404(query.id or query.deviceId)
  if not device then return not_found("Device") end
  return model.copy(device.view), 200
end)

-- ---- global variables ----------------------------------------------------------

route("GET", "/globalVariables", function() return model.list_globals(), 200 end)

route("POST", "/globalVariables", function(_, data)
  local err = global_value_error(data.value)
  if err then return bad_request(err) end
  return create_named(data, model.globals, "Global variable", function()
    model.set_global(data.name, data.value == nil and "" or data.value, true)
  end)
end)

route("GET", "/globalVariables/([^/]+)", function(c) return get_named(model.globals, c[1], "Global variable") end)

route("PUT", "/globalVariables/([^/]+)", function(c, data)
  if not model.globals[c[1]] then return not_found("Global variable") end
  local err = global_value_error(data.value)
  if err then return bad_request(err) end
  -- without a value (e.g. {} or no body) the value stays as it is
  if data.value ~= nil then model.set_global(c[1], data.value, false) end
  return model.copy(model.globals[c[1]]), 200
end)

route("DELETE", "/globalVariables/([^/]+)", function(c)
  if not model.delete_global(c[1]) then return not_found("Global variable") end
  return nil, 200
end)

-- ---- custom events ---------------------------------------------------------------

route("GET", "/customEvents", function()
  local list = {}
  for _, name in ipairs(model.custom_events_order) do
    if model.custom_events[name] then list[#list + 1] = model.copy(model.custom_events[name]) end
  end
  return list, 200
end)

route("POST", "/customEvents", function(_, data)
  if data.userDescription ~= nil and type(data.userDescription) ~= "string" then
    return bad_request("userDescription must be a string")
  end
  return create_named(data, model.custom_events, "Custom event", function()
    model.add_custom_event(data.name, data.userDescription)
  end)
end)

route("GET", "/customEvents/([^/]+)", function(c) return get_named(model.custom_events, c[1], "Custom event") end)

route("POST", "/customEvents/([^/]+)", function(c)
  if not model.custom_events[c[1]] then return not_found("Custom event") end
  model.emit("CustomEvent", { name = c[1] })
  return nil, 204
end)

route("DELETE", "/customEvents/([^/]+)", function(c)
  if not model.custom_events[c[1]] then return not_found("Custom event") end
  model.custom_events[c[1]] = nil
  return nil, 200
end)

-- ---- rooms, sections, settings, events --------------------------------------------

local function by_id(list, id, what)
  for _, item in ipairs(list) do
    if item.id == number_of(id) then return model.copy(item), 200 end
  end
  return not_found(what)
end

route("GET", "/rooms", function() return model.copy(model.rooms), 200 end)
route("GET", "/rooms/(-?%d+)", function(c) return by_id(model.rooms, c[1], "Room") end)
route("GET", "/sections", function() return model.copy(model.sections), 200 end)
route("GET", "/sections/(-?%d+)", function(c) return by_id(model.sections, c[1], "Section") end)

route("GET", "/settings/info", function()
  return {
    serialNumber = "HC3-00000000", hcName = "plua", mac = "00:00:00:00:00:00", softVersion = "5.160.0",
    beta = false, currency = "EUR", zwaveRegion = "EU", timeFormat = 24, dateFormat = "dd.mm.yy",
    decimalMark = ".", defaultLanguage = "en", platform = "HC3", online = false, offline = true,
  }, 200
end)

route("GET", "/settings/location", function()
  return { latitude = model.latitude, longitude = model.longitude, city = "", timezone = "",
    ntp = false }, 200
end)

route("GET", "/refreshStates", function(_, _, query)
  local last = number_of(query.last) or 0
  local events = {}
  for _, e in ipairs(model.events) do
    if e.id > last then events[#events + 1] = model.copy(e) end
  end
  return { status = "IDLE", last = model.last_event, events = events, timestamp = math.floor(clock.now()),
    changes = {} }, 200
end)

-- ---- dispatch ------------------------------------------------------------------------

local function request(method, path, data)
  if type(path) ~= "string" then
    args.error(1, "api." .. method:lower(), "path string expected, got " .. type(path))
  end
  if type(data) == "string" then
    local ok, decoded = pcall(json.decode, data)
    if not ok then return bad_request(decoded) end
    if type(decoded) ~= "table" then return bad_request("JSON object expected") end
    data = decoded
  elseif data ~= nil and type(data) ~= "table" then
    args.error(2, "api." .. method:lower(), "table or JSON string expected, got " .. type(data))
  end
  if model.trace then
    model.trace(("api.%s %s%s"):format(method:lower(), path, data ~= nil and " " .. model.describe(data) or ""))
  end
  data = data or {}
  local clean, q = path:match("^([^?]*)%??(.*)$")
  clean = clean:gsub("^/api/", "/"):gsub("/$", "")
  local query = parse_query(q)
  for _, r in ipairs(routes) do
    if r[1] == method then
      local captures = { clean:match(r[2]) }
      if captures[1] ~= nil then
        if captures[1] == clean and not r[2]:find("%(") then captures = {} end
        return r[3](captures, data, query)
      end
    end
  end
  return nil, 501
end

function api.get(path) return request("GET", path) end
function api.post(path, data) return request("POST", path, data) end
function api.put(path, data) return request("PUT", path, data) end
function api.delete(path) return request("DELETE", path) end

return api
