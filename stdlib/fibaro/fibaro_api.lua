-- The `fibaro` global: logging, devices, global variables, timers and
-- custom events against the emulated controller. Functions that need a
-- real HC3 (alarms, scenes, profiles) say so.
local model = require("plua.fibaro.model")
local log = require("plua.fibaro.log")
local tasks = require("plua.fibaro.tasks")

local fibaro = {}

-- `level` 3 (the default) blames the caller of the fibaro function.
local function check(cond, n, name, msg, level)
  if not cond then error(("bad argument #%d to 'fibaro.%s' (%s)"):format(n, name, msg), level or 3) end
end

-- `level`: how far above check_id's caller the script is (default 1).
local function check_id(id, name, level)
  check(math.type(id) == "integer" or (type(id) == "number" and id == math.floor(id)), 1, name,
    "device id expected, got " .. (type(id) == "number" and tostring(id) or type(id)), 3 + (level or 1))
  return math.tointeger(id)
end

for _, level in ipairs({ "debug", "trace", "warning", "error" }) do
  local upper = level:upper()
  fibaro[level] = function(tag, ...)
    check(tag ~= nil, 1, level, "tag expected, got nil")
    log.write(upper, tostring(tag), ...)
  end
end

-- Asynchronous, as on the HC3: the action runs as its own task, after the
-- caller's; an error in it names the line of the call. `level` is where
-- that line is, counted from call_one's caller.
local function call_one(level, id, action, ...)
  id = check_id(id, "call", level)
  check(type(action) == "string", 2, "call", "action name expected, got " .. type(action), 2 + level)
  local object = model.objects[id]
  if not object then
    log.write("WARNING", rawget(_G, "__TAG") or "QUICKAPP",
      ("fibaro.call(%d, '%s'): no such device in the emulation"):format(id, action))
    return
  end
  local args = table.pack(...)
  if model.trace then
    local shown = {}
    for i = 1, args.n do shown[i] = model.describe(args[i]) end
    model.trace(("fibaro.call(%d, %q%s)"):format(id, action, args.n > 0 and ", " .. table.concat(shown, ", ") or ""))
  end
  tasks.post(function() object:callAction(action, table.unpack(args, 1, args.n)) end, "action", level + 1)
end

function fibaro.call(id, action, ...)
  if type(id) == "table" then
    for _, one in ipairs(id) do call_one(2, one, action, ...) end
    return
  end
  call_one(2, id, action, ...)
end
fibaro._call_from = call_one

-- value, modified time of a device property (nil if the device has none)
function fibaro.get(id, property)
  id = check_id(id, "get")
  check(type(property) == "string", 2, "get", "property name expected, got " .. type(property))
  local device = model.devices[id]
  if not device then return nil end
  local value = device.properties[property]
  if value == nil then return nil end
  return model.copy(value), device.modified
end

function fibaro.getValue(id, property)
  return (fibaro.get(id, property))
end

-- fibaro.getType/getName/getRoomID: one field of a device (nil if none).
for name, field in pairs({ getType = "type", getName = "name", getRoomID = "roomID" }) do
  fibaro[name] = function(id)
    local device = model.devices[check_id(id, name)]
    return device and device[field]
  end
end

function fibaro.getSectionID(id)
  local roomId = fibaro.getRoomID(id)
  for _, room in ipairs(model.rooms) do
    if room.id == roomId then return room.sectionID end
  end
  return nil
end

function fibaro.getRoomName(roomId)
  for _, room in ipairs(model.rooms) do
    if room.id == roomId then return room.name end
  end
  return nil
end

function fibaro.getRoomNameByDeviceID(id)
  return fibaro.getRoomName(fibaro.getRoomID(id))
end

-- Does device match filter = { name=, type=, baseType=, parentId=, enabled=,
-- visible=, roomID=, interfaces={...}, properties={name=value} }?
local function matches(device, filter)
  for key, want in pairs(filter) do
    if key == "properties" then
      for name, value in pairs(want) do
        if device.properties[name] ~= value then return false end
      end
    elseif key == "interfaces" then
      for _, name in ipairs(want) do
        local found = false
        for _, have in ipairs(device.interfaces) do found = found or have == name end
        if not found then return false end
      end
    elseif device[key] ~= want then
      return false
    end
  end
  return true
end
fibaro._matches = matches

-- Ids of the devices matching filter (all devices without one).
function fibaro.getDevicesID(filter)
  filter = filter or {}
  check(type(filter) == "table", 1, "getDevicesID", "filter table expected, got " .. type(filter))
  local ids = {}
  for _, id in ipairs(model.device_ids()) do
    if matches(model.devices[id], filter) then ids[#ids + 1] = id end
  end
  return ids
end

-- The ids of a list of device records.
function fibaro.getIds(devices)
  check(type(devices) == "table", 1, "getIds", "table of devices expected, got " .. type(devices))
  local ids = {}
  for _, device in ipairs(devices) do
    if type(device) == "table" and device.id then ids[#ids + 1] = device.id end
  end
  return ids
end

function fibaro.getGlobalVariable(name)
  check(type(name) == "string", 1, "getGlobalVariable", "variable name expected, got " .. type(name))
  local g = model.globals[name]
  if not g then return nil end
  return g.value, g.modified
end

-- Offline there is no UI to create globals in: setting one creates it.
function fibaro.setGlobalVariable(name, value)
  check(type(name) == "string", 1, "setGlobalVariable", "variable name expected, got " .. type(name))
  check(value ~= nil, 2, "setGlobalVariable", "value expected, got nil")
  model.set_global(name, value, true)
end

function fibaro.setTimeout(ms, fn)
  check(type(ms) == "number", 1, "setTimeout", "delay in ms expected, got " .. type(ms))
  check(type(fn) == "function", 2, "setTimeout", "function expected, got " .. type(fn))
  return setTimeout(fn, ms)
end

function fibaro.clearTimeout(ref) return clearTimeout(ref) end
function fibaro.setInterval(ms, fn)
  check(type(ms) == "number", 1, "setInterval", "interval in ms expected, got " .. type(ms))
  check(type(fn) == "function", 2, "setInterval", "function expected, got " .. type(fn))
  return setInterval(fn, ms)
end
function fibaro.clearInterval(ref) return clearInterval(ref) end

-- Non-blocking: the calling task waits, timers and other tasks go on.
function fibaro.sleep(ms)
  check(type(ms) == "number" and ms == ms, 1, "sleep", "milliseconds expected, got " .. type(ms))
  _PY.sleep(math.max(ms, 0) / 1000)
end

function fibaro.emitCustomEvent(name)
  check(type(name) == "string", 1, "emitCustomEvent", "event name expected, got " .. type(name))
  if not model.custom_events[name] then model.add_custom_event(name) end
  model.emit("CustomEvent", { name = name })
end

local function offline(name)
  return function() error(("fibaro.%s is not supported offline (it needs a real HC3)"):format(name), 2) end
end
for _, name in ipairs({ "alarm", "alert", "getPartition", "getPartitions", "getPartitionArmState",
  "getHomeArmState", "isHomeBreached", "isPartitionBreached", "scene", "profile", "wakeUpDeadDevice",
  "callGroupAction" }) do
  fibaro[name] = offline(name)
end

return fibaro
