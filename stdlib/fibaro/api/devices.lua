-- /devices: the device list and its queries, one device, its properties and
-- actions, POST /devices/filter and group actions.
local model = require("plua.fibaro.model")
local fibaro = require("plua.fibaro.hub")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request = router.route, router.not_found, router.bad_request
local number_of, scalar = router.number_of, router.scalar

local function device_of(id)
  local n = number_of(id)
  if n == 1 then model.refresh_sun() end
  return n and model.devices[n]
end

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
    if ok then list[#list + 1] = router.out(device) end
  end
  return list, 200
end)

route("GET", "/devices/(-?%d+)", function(c)
  local device = device_of(c[1])
  if not device then return not_found("Device") end
  return router.out(device), 200
end)

-- { value, modified } of one property, as fibaro.get reads it on the box.
route("GET", "/devices/(-?%d+)/properties/([^/]+)", function(c)
  local device = device_of(c[1])
  if not device then return not_found("Device") end
  local value = device.properties[c[2]]
  if value == nil then return not_found("Property") end
  return { value = router.out(value), modified = device.modified }, 200
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

local function fields_error(data)
  for _, field in ipairs(device_fields) do
    local err = data[field[1]] ~= nil and field[2](data[field[1]])
    if err then return err end
  end
  return nil
end

route("PUT", "/devices/(-?%d+)", function(c, data)
  local device = device_of(c[1])
  if not device then return not_found("Device") end
  local err = fields_error(data)
  if err then return bad_request(err) end
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
  local err = fields_error(data)
  if err then return bad_request(err) end
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
  if not device_of(c[1]) then return not_found("Device") end
  model.remove_device(tonumber(c[1]))
  return nil, 200
end)

-- Actions run asynchronously, like fibaro.call.
local function action(c, data)
  local device = device_of(c[1])
  if not device then return not_found("Device") end
  local action_args = type(data) == "table" and type(data.args) == "table" and data.args or {}
  fibaro._call_from(device.id, c[2], router.serving(), table.unpack(action_args))
  return { message = "Accepted" }, 202
end
route("POST", "/devices/(-?%d+)/action/([%w_]+)", action)
route("GET", "/devices/(-?%d+)/action/([%w_]+)", action)

-- /callAction?deviceID=ID&name=ACTION&arg1=..&arg2=..: the older form of an action.
local function call_action(_, data, query)
  local q = next(query) and query or data
  local args = {}
  local i = 1
  while q["arg" .. i] ~= nil do
    args[i] = type(q["arg" .. i]) == "string" and scalar(q["arg" .. i]) or q["arg" .. i]
    i = i + 1
  end
  if type(q.name) ~= "string" then return bad_request("name expected") end
  return action({ q.deviceID or q.deviceId, q.name }, { args = args })
end
route("GET", "/callAction", call_action)
route("POST", "/callAction", call_action)

-- ---- filters: POST /devices/filter, group actions ----------------------------
-- A filter is { filter = NAME, value = { ... } }: a device passes it when it
-- matches one of the values; it must pass every filter of the list.

local function has_interface(device, name)
  for _, have in ipairs(device.interfaces) do
    if have == name then return true end
  end
  return false
end

local field_filters = { type = "type", baseType = "baseType", deviceID = "id", roomID = "roomID",
  parentId = "parentId", enabled = "enabled", visible = "visible", isPlugin = "isPlugin", name = "name" }

local function passes(device, filter, value)
  local field = field_filters[filter]
  if field then return device[field] == value end
  if filter == "interface" then return has_interface(device, value) end
  if filter == "hasProperty" then return device.properties[value] ~= nil end
  if filter == "hasNoProperty" then return device.properties[value] == nil end
  if filter == "hasAction" then return type(device.actions) == "table" and device.actions[value] ~= nil end
  if filter == "property" and type(value) == "table" then -- { name, value }
    return device.properties[value[1]] == value[2]
  end
  return false
end

local known_filters = { interface = true, hasProperty = true, hasNoProperty = true, hasAction = true, property = true }
for name in pairs(field_filters) do known_filters[name] = true end

local function filters_error(filters)
  if type(filters) ~= "table" then return "filters must be a list of { filter = name, value = {...} }" end
  for i, f in ipairs(filters) do
    if type(f) ~= "table" or not known_filters[f.filter] then
      return ("filters[%d]: unknown filter %s"):format(i, model.describe(type(f) == "table" and f.filter or f))
    end
    if type(f.value) ~= "table" then return ("filters[%d]: value must be a list"):format(i) end
  end
  return nil
end

local function filtered(filters)
  local out = {}
  for _, id in ipairs(model.device_ids()) do
    local device, ok = model.devices[id], true
    for _, f in ipairs(filters) do
      local any = false
      for _, value in ipairs(f.value) do any = any or passes(device, f.filter, value) end
      ok = ok and any
    end
    if ok then out[#out + 1] = device end
  end
  return out
end

-- attributes = { main = { "id", "name", ... }, properties = { "value", ... } }
-- picks those fields of each device; without it the whole device.
local function pick(device, attributes)
  if type(attributes) ~= "table" then return model.copy(device) end
  local out = {}
  for _, key in ipairs(type(attributes.main) == "table" and attributes.main or {}) do out[key] = model.copy(device[key]) end
  if type(attributes.properties) == "table" then
    out.properties = {}
    for _, key in ipairs(attributes.properties) do out.properties[key] = model.copy(device.properties[key]) end
  end
  return out
end

route("POST", "/devices/filter", function(_, data)
  local filters = data.filters or {}
  local err = filters_error(filters)
  if err then return bad_request(err) end
  local list = {}
  for _, device in ipairs(filtered(filters)) do list[#list + 1] = pick(device, data.attributes) end
  return list, 200
end)

-- POST /devices/groupAction/{action} { args = {...}, filters = {...} }:
-- the action on every device the filters select; 202 and their ids.
route("POST", "/devices/groupAction/([%w_]+)", function(c, data)
  local err = filters_error(data.filters or {})
  if err then return bad_request(err) end
  if data.args ~= nil and type(data.args) ~= "table" then return bad_request("args must be a list") end
  local ids = {}
  for _, device in ipairs(filtered(data.filters or {})) do
    ids[#ids + 1] = device.id
    if model.objects[device.id] then fibaro._call_from(device.id, c[1], router.serving(), table.unpack(data.args or {})) end
  end
  return { devices = ids }, 202
end)

return true
