-- api.get/post/put/delete(path [, data]) -> data, status: the HC3 REST API
-- over the emulated controller. Unknown paths answer nil, 501.
local model = require("plua.fibaro.model")
local json = require("json")
local clock = require("plua.fibaro.clock")
local fibaro = require("plua.fibaro.hub")
local tasks = require("plua.fibaro.tasks")

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

local function device_or_404(id)
  local device = model.devices[tonumber(id)]
  if not device then return nil end
  return device
end

local function not_found(what) return { type = "ERROR", reason = "NotFound", message = what .. " not found" }, 404 end

-- POST of a named thing (global variable, custom event): 400 without a
-- name, 409 if it exists, else create(data) and 201 with the new record.
local function create_named(data, store, what, create)
  if type(data.name) ~= "string" then
    return { type = "ERROR", reason = "BadRequest", message = "name expected" }, 400
  end
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

route("GET", "/devices/(%d+)", function(c)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
  return model.copy(device), 200
end)

route("PUT", "/devices/(%d+)", function(c, data)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
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

route("DELETE", "/devices/(%d+)", function(c)
  if not device_or_404(c[1]) then return not_found("Device") end
  model.remove_device(tonumber(c[1]))
  return nil, 200
end)

-- Actions run asynchronously, like fibaro.call.
local function action(c, data)
  local device = device_or_404(c[1])
  if not device then return not_found("Device") end
  local args = type(data) == "table" and type(data.args) == "table" and data.args or {}
  -- the script's line: call_one <- action <- request <- api.post <- script
  fibaro._call_from(4, device.id, c[2], table.unpack(args))
  return { message = "Accepted" }, 202
end
route("POST", "/devices/(%d+)/action/([%w_]+)", action)
route("GET", "/devices/(%d+)/action/([%w_]+)", action)

-- ---- plugins (what a QuickApp's own UI and properties go through) -----------

local function ui_event(_, data, query)
  local e = next(query) and query or data
  local id = tonumber(e.deviceID or e.deviceId)
  local object = id and model.objects[id]
  if not object then return not_found("Device") end
  local values = e.values or (e.value ~= nil and { scalar(e.value) } or {})
  local event = { deviceId = id, elementName = e.elementName, eventType = e.eventType or "onReleased", values = values }
  tasks.post(function() object:UIHandler(event) end, "ui", 4)
  return nil, 200
end
route("GET", "/plugins/callUIEvent", ui_event)
route("POST", "/plugins/callUIEvent", ui_event)

route("POST", "/plugins/updateProperty", function(_, data)
  local id = tonumber(data.deviceId)
  if not (id and model.devices[id]) then return not_found("Device") end
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
  return create_named(data, model.globals, "Global variable", function()
    model.set_global(data.name, data.value == nil and "" or data.value, true)
  end)
end)

route("GET", "/globalVariables/([^/]+)", function(c) return get_named(model.globals, c[1], "Global variable") end)

route("PUT", "/globalVariables/([^/]+)", function(c, data)
  if not model.globals[c[1]] then return not_found("Global variable") end
  model.set_global(c[1], data.value == nil and "" or data.value, false)
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
    if item.id == tonumber(id) then return model.copy(item), 200 end
  end
  return not_found(what)
end

route("GET", "/rooms", function() return model.copy(model.rooms), 200 end)
route("GET", "/rooms/(%d+)", function(c) return by_id(model.rooms, c[1], "Room") end)
route("GET", "/sections", function() return model.copy(model.sections), 200 end)
route("GET", "/sections/(%d+)", function(c) return by_id(model.sections, c[1], "Section") end)

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
  local last = tonumber(query.last) or 0
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
    error(("bad argument #1 to 'api.%s' (path string expected, got %s)"):format(method:lower(), type(path)), 3)
  end
  if type(data) == "string" then
    local ok, decoded = pcall(json.decode, data)
    if not ok then return { type = "ERROR", reason = "BadRequest", message = decoded }, 400 end
    data = decoded
  elseif data ~= nil and type(data) ~= "table" then
    error(("bad argument #2 to 'api.%s' (table or JSON string expected, got %s)"):format(method:lower(), type(data)), 3)
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
        local result, status = r[3](captures, data, query) -- not a tail call: see tasks.post levels
        return result, status
      end
    end
  end
  return nil, 501
end

-- Not tail calls: the stack levels of tasks.post count these frames.
function api.get(path)
  local data, status = request("GET", path)
  return data, status
end
function api.post(path, data)
  local result, status = request("POST", path, data)
  return result, status
end
function api.put(path, data)
  local result, status = request("PUT", path, data)
  return result, status
end
function api.delete(path)
  local data, status = request("DELETE", path)
  return data, status
end

return api
