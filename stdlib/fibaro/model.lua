-- The emulated controller: devices, global variables, custom events, rooms,
-- the refreshStates event log and internal storage, in memory; storage,
-- quickApp variables, globals and children persist to the `state` file.
local json = require("json")
local clock = require("plua.fibaro.clock")

local M = {
  devices = {},   -- id -> device record (the /devices/{id} JSON shape)
  objects = {},   -- id -> QuickApp / QuickAppChild instance
  globals = {},   -- name -> global variable record
  globals_order = {},
  custom_events = {}, -- name -> record
  custom_events_order = {},
  storage = {},   -- device id -> key -> { value = v, hidden = bool }
  files = {},     -- QuickApp device id -> { { name, type, isMain, isOpen, content } }
  quickapps = {}, -- QuickApp device id -> its record (plua.fibaro.quickapps)
  events = {},    -- refreshStates log: events[id] for first_event <= id <= last_event
  last_event = 0,
  first_event = 1,
  latitude = 52.52, -- the place, for sunrise/sunset and /settings/location
  longitude = 13.405,
  main_id = nil,  -- the first QuickApp's id
  state_file = nil,
  on_property_change = {}, -- fn(id, name, value) after each change (alarms watch breaches)
  on_emit = {},            -- fn(event) for each event logged (RefreshStateSubscriber)
}

local kMaxEvents = 1000
local kRoom = 219

M.rooms = { { id = kRoom, name = "Default Room", sectionID = kRoom, icon = "room_boy", category = "other",
  visible = true, isDefault = true, defaultSensors = {}, defaultThermostat = json.null, sortOrder = 1 } }
M.sections = { { id = kRoom, name = "Default Section", sortOrder = 1 } }

local function now() return math.floor(clock.now()) end

-- A deep copy, so that what api.* returns cannot change the model (shared
-- and cyclic tables stay shared and cyclic; no metatables): every GET
-- answers one, so it is C (copy.cpp).
local copy = require("plua.fibaro.copy")
M.copy = copy

local device_types = require("plua.fibaro.device_types")

-- Whether `t` is a device type the emulation knows (the one list).
function M.is_known_type(t) return device_types[t] ~= nil end

-- The QuickApp a device belongs to: its own, or its parents' for a child.
function M.quickapp_of(id)
  for _ = 1, 16 do -- a child's child: up the parents
    local qa = M.quickapps[id]
    if qa then return qa end
    local device = M.devices[id]
    if not device or device.parentId == 0 then return nil end
    id = device.parentId
  end
  return nil
end

-- Whether device type `t` is `kind` or has it in its baseType chain.
function M.is_type_of(t, kind)
  local seen = 0
  while t and t ~= "" and seen < 50 do
    if t == kind then return true end
    local entry = device_types[t]
    t, seen = entry and entry.base, seen + 1
  end
  return false
end

function M.next_id(from)
  local id = from or 5555
  while M.devices[id] do id = id + 1 end
  return id
end

-- Adds a device: spec = { id, name, type, parentId, properties, interfaces },
-- its type a known one (callers check it with is_known_type). Its
-- properties: the ones every device has, then its type's defaults (a deep
-- copy), then spec.properties, which win.
function M.create_device(spec)
  local kind = device_types[spec.type]
  local id = spec.id or M.next_id(M.main_id and M.main_id + 1)
  local t = now()
  local properties = {
    dead = false, deviceIcon = 0, manufacturer = "", model = "", userDescription = "",
    quickAppVariables = {}, uiCallbacks = {}, viewLayout = {}, categories = { "other" },
  }
  for k, v in pairs(kind.properties or {}) do properties[k] = copy(v) end
  if kind.value ~= nil then properties.value = copy(kind.value) end
  for k, v in pairs(spec.properties or {}) do properties[k] = copy(v) end
  local device = {
    id = id, name = spec.name, type = spec.type, baseType = kind.base, roomID = kRoom,
    enabled = true, visible = true, isPlugin = true, parentId = spec.parentId or 0,
    interfaces = copy(spec.interfaces or { "quickApp" }), properties = properties,
    actions = copy(kind.actions), view = {}, created = t, modified = t, sortOrder = id,
  }
  M.devices[id] = device
  M.emit("DeviceCreatedEvent", { id = id })
  return device
end

-- Device 1, the controller itself: sunriseHour/sunsetHour for the place
-- (latitude/longitude headers) on the emulated date.
function M.add_controller()
  local t = now()
  M.devices[1] = {
    id = 1, name = "zwave", type = "com.fibaro.zwavePrimaryController", baseType = "", roomID = 0,
    enabled = true, visible = false, isPlugin = false, parentId = 0, interfaces = {}, actions = {}, view = {},
    properties = { dead = false }, created = t, modified = t, sortOrder = 1,
  }
  M.refresh_sun()
end

-- sunriseHour/sunsetHour of device 1 for the emulated day: recomputed when
-- read on a new day (a QuickApp may run for weeks), as a property change.
local sun_day
function M.refresh_sun()
  local controller = M.devices[1]
  local t = now()
  local day = os.date("%Y-%m-%d", t)
  if controller == nil or day == sun_day then return end
  local sunrise, sunset = require("plua.fibaro.sun").times(t, M.latitude, M.longitude)
  if sun_day == nil then
    controller.properties.sunriseHour, controller.properties.sunsetHour = sunrise, sunset
  else
    M.set_property(1, "sunriseHour", sunrise)
    M.set_property(1, "sunsetHour", sunset)
  end
  sun_day = day
end

function M.device_ids()
  local ids = {}
  for id in pairs(M.devices) do ids[#ids + 1] = id end
  table.sort(ids)
  return ids
end

function M.remove_device(id)
  M.devices[id], M.objects[id] = nil, nil
  M.emit("DeviceRemovedEvent", { id = id })
end

-- The refreshStates log, kept to the last kMaxEvents by id (dropping the
-- oldest moves nothing).
function M.emit(kind, data)
  local id = M.last_event + 1
  M.last_event = id
  local event = { id = id, type = kind, data = data, created = now() }
  M.events[id] = event
  if id - M.first_event >= kMaxEvents then
    M.events[M.first_event] = nil
    M.first_event = M.first_event + 1
  end
  for _, watch in ipairs(M.on_emit) do watch(event) end
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  local ok_a, ja = pcall(json.encode, a)
  local ok_b, jb = pcall(json.encode, b)
  return ok_a and ok_b and ja == jb
end

-- Sets a property; a change is a DevicePropertyUpdatedEvent.
function M.set_property(id, name, value)
  local device = M.devices[id]
  if not device then return false end
  local old = device.properties[name]
  if same(old, value) then return true end
  device.properties[name] = copy(value)
  device.modified = now()
  if M.trace then M.trace(("device %d: %s = %s"):format(id, name, M.describe(value))) end
  M.emit("DevicePropertyUpdatedEvent", { id = id, property = name, newValue = copy(value), oldValue = copy(old) })
  for _, watch in ipairs(M.on_property_change) do watch(id, name, value) end
  return true
end

-- Why `value` cannot be a property, variable or storage value (nil if it
-- can): the HC3 keeps them as JSON, so functions, NaN, infinities and
-- cyclic tables are refused up front rather than failing at the next save.
-- `what` names it in the message.
function M.value_error(value, what)
  local t = type(value)
  if t == "nil" or t == "boolean" or t == "string" then return nil end
  if t == "number" and value == value and value ~= math.huge and value ~= -math.huge then return nil end
  local ok, err = pcall(json.encode, value)
  if ok then return nil end
  return (what or "value") .. " cannot be stored as JSON: " .. tostring(err):gsub("^json%.encode: ", "")
end

-- quickAppVariables is a list of { name = string, value = ... }: the
-- emulation's getVariable/setVariable and the state file rely on it.
local function variables_error(list)
  local expected = "property 'quickAppVariables' must be a list of {name=string, value=...}"
  if type(list) ~= "table" then return expected .. ", got " .. type(list) end
  local n = #list
  for k, v in pairs(list) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return expected .. " (key " .. M.describe(k) .. ")" end
    if type(v) ~= "table" or type(v.name) ~= "string" then
      return expected .. (" (item %d is %s)"):format(k, type(v) == "table" and "a table without a string name" or "a " .. type(v))
    end
  end
  return nil
end

-- Why property `name` cannot be `value` (nil if it can).
function M.property_error(name, value)
  -- The message names the property only when there is one to give.
  if M.value_error(value) then return M.value_error(value, ("property '%s'"):format(name)) end
  if name == "quickAppVariables" then return variables_error(value) end
  return nil
end

-- Why a table of properties (name -> value) cannot be stored (nil if it
-- can); the first bad one in name order is reported.
function M.properties_error(props)
  if type(props) ~= "table" then return "table expected, got " .. type(props) end
  local names = {}
  for name in pairs(props) do
    if type(name) ~= "string" then return "property names must be strings, got " .. type(name) end
    names[#names + 1] = name
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local err = M.property_error(name, props[name])
    if err then return err end
  end
  return nil
end

-- "<what> expected, got <type>" for anything but a non-empty string.
function M.name_error(v, what)
  if type(v) ~= "string" then return ("%s expected, got %s"):format(what, type(v)) end
  if v == "" then return ("%s expected, got empty string"):format(what) end
  return nil
end

-- A number for an error message: NaN is "nan" on every platform.
function M.number_text(v)
  if type(v) ~= "number" then return type(v) end
  if v ~= v then return "nan" end
  return tostring(v)
end

-- The `debug` header: init sets M.trace to a function that logs a line.
M.trace = nil

function M.describe(v)
  if type(v) == "table" then
    local ok, text = pcall(json.encode, v)
    if ok then return text end
  end
  return type(v) == "string" and ("%q"):format(v) or tostring(v)
end

-- Global variables (values are strings, as on the HC3).
function M.set_global(name, value, create)
  local g = M.globals[name]
  if not g then
    if not create then return false end
    g = { name = name, readOnly = false, isEnum = false, enumValues = {}, created = now() }
    M.globals[name] = g
    M.globals_order[#M.globals_order + 1] = name
  end
  local old = g.value
  g.value, g.modified = tostring(value), now()
  if old ~= g.value then
    M.emit("GlobalVariableChangedEvent", { variableName = name, newValue = g.value, oldValue = old })
  end
  M.save()
  return true
end

function M.delete_global(name)
  if not M.globals[name] then return false end
  M.globals[name] = nil
  for i, n in ipairs(M.globals_order) do
    if n == name then table.remove(M.globals_order, i) break end
  end
  M.save()
  return true
end

function M.list_globals()
  local out = {}
  for _, name in ipairs(M.globals_order) do out[#out + 1] = copy(M.globals[name]) end
  return out
end

function M.add_custom_event(name, description)
  if not M.custom_events[name] then M.custom_events_order[#M.custom_events_order + 1] = name end
  M.custom_events[name] = { name = name, userDescription = description or "" }
end

-- ---- views, interfaces, children (shared by QuickApp methods and /plugins) ----

-- A UI element's property (label text, slider value, ...), as the HC3's
-- PluginChangedViewEvent reports it.
function M.update_view(id, element, property, value)
  local view = M.devices[id].view
  view[element] = view[element] or {}
  view[element][property] = copy(value)
  M.emit("PluginChangedViewEvent", { deviceId = id, elementName = element, propertyName = property,
    newValue = copy(value) })
end

function M.interfaces_error(list)
  if type(list) ~= "table" then return "table of interface names expected, got " .. type(list) end
  for i, name in ipairs(list) do
    if type(name) ~= "string" or name == "" then
      return ("interface name expected at index %d, got %s"):format(i, name == "" and "empty string" or type(name))
    end
  end
  return nil
end

function M.has_interface(device, name)
  for _, i in ipairs(device.interfaces) do
    if i == name then return true end
  end
  return false
end

function M.add_interfaces(id, list)
  local device = M.devices[id]
  for _, name in ipairs(list) do
    if not M.has_interface(device, name) then device.interfaces[#device.interfaces + 1] = name end
  end
  M.emit("DeviceModifiedEvent", { id = id })
end

function M.delete_interfaces(id, list)
  local interfaces = M.devices[id].interfaces
  for _, name in ipairs(list) do
    for i = #interfaces, 1, -1 do
      if interfaces[i] == name then table.remove(interfaces, i) end
    end
  end
  M.emit("DeviceModifiedEvent", { id = id })
end

-- Why { name, type, initialProperties, initialInterfaces } cannot make a
-- child device (nil if it can).
function M.child_spec_error(spec)
  if type(spec) ~= "table" then return "table expected, got " .. type(spec) end
  if type(spec.name) ~= "string" or spec.name == "" then
    return "field 'name' must be a non-empty string, got " .. (spec.name == "" and "empty string" or type(spec.name))
  end
  if type(spec.type) ~= "string" or not M.is_known_type(spec.type) then
    return "field 'type' must be a device type such as com.fibaro.binarySwitch"
  end
  local err = spec.initialProperties ~= nil and M.properties_error(spec.initialProperties)
  if err then return "field 'initialProperties': " .. err end
  err = spec.initialInterfaces ~= nil and M.interfaces_error(spec.initialInterfaces)
  if err then return "field 'initialInterfaces': " .. err end
  return nil
end

-- ---- persistence -----------------------------------------------------------

-- Reads the state file, if there is one: storage, variables, globals and
-- children from the last run.
function M.load(path)
  M.state_file = path
  local f = io.open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  if text == "" then return nil end
  local ok, state = pcall(json.decode, text)
  if not ok or type(state) ~= "table" then
    error(("state file %s is not valid: %s"):format(path, ok and "not a JSON object" or tostring(state)), 0)
  end
  for id, entries in pairs(state.storage or {}) do M.storage[tonumber(id)] = entries end
  for _, g in ipairs(state.globals or {}) do
    M.globals[g.name] = g
    M.globals_order[#M.globals_order + 1] = g.name
  end
  return state
end

-- The QuickApps' children the last run left, made again under their
-- QuickApp with their ids before it starts (the box keeps them), so that
-- initChildDevices finds them. One whose id or parent is not there is
-- not made.
function M.restore_children(state)
  local list = type(state) == "table" and state.children
  for _, d in ipairs(type(list) == "table" and list or {}) do
    if type(d) == "table" and math.type(d.id) == "integer" and not M.devices[d.id] and M.devices[d.parentId]
        and type(d.name) == "string" and M.is_known_type(d.type) then
      M.create_device({ id = d.id, name = d.name, type = d.type, parentId = d.parentId,
        properties = type(d.properties) == "table" and d.properties or nil,
        interfaces = type(d.interfaces) == "table" and d.interfaces or nil })
    end
  end
end

-- Writes the state file (a new file renamed over the old, so a crash never
-- leaves half of it).
function M.save()
  if not M.state_file then return end
  local vars, children = {}, {}
  for _, id in ipairs(M.device_ids()) do
    local d = M.devices[id]
    vars[tostring(id)] = d.properties.quickAppVariables
    if d.parentId ~= 0 and M.quickapp_of(id) then
      children[#children + 1] = { id = id, name = d.name, type = d.type, parentId = d.parentId,
        interfaces = d.interfaces, properties = d.properties }
    end
  end
  local storage = {}
  for id, entries in pairs(M.storage) do storage[tostring(id)] = entries end
  local text = json.encode({ storage = storage, vars = vars, globals = M.list_globals(),
    children = json.initArray(children) })
  local tmp = M.state_file .. ".tmp"
  local f, err = io.open(tmp, "wb")
  if not f then error(("cannot write state file: %s"):format(err), 0) end
  f:write(text, "\n")
  f:close()
  local ok, rename_err = os.rename(tmp, M.state_file)
  if not ok then error(("cannot write state file: %s"):format(rename_err), 0) end
end

return M
