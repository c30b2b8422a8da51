-- The `fibaro` global: logging, devices, global variables, timers and
-- custom events against the emulated controller. Functions that need a
-- real HC3 (alarms, scenes, profiles) say so.
local model = require("plua.fibaro.model")
local log = require("plua.fibaro.log")
local tasks = require("plua.fibaro.tasks")
local args = require("plua.args")
local online = require("plua.fibaro.online")

local fibaro = {}

local function api() return require("plua.fibaro.api") end

-- Online: the HC3's record of device `id` (nil if it has none).
local function remote_device(id)
  local device, status = api().get("/devices/" .. id)
  return status == 200 and device or nil
end

-- Argument errors blame the script's line that called into the emulation.
local function check(cond, n, name, msg)
  if not cond then args.error(n, "fibaro." .. name, msg) end
end

-- An id is an integer, or a float with an integer value (5.0); NaN,
-- infinities and numbers past the integer range are not ids.
local function to_id(id)
  if math.type(id) == "integer" then return id end
  return type(id) == "number" and math.tointeger(id) or nil
end

local function check_id(id, name, what)
  local n = to_id(id)
  if not n then args.error(1, "fibaro." .. name, (what or "device id") .. " expected, got " .. model.number_text(id)) end
  return n
end

for _, level in ipairs({ "debug", "trace", "warning", "error" }) do
  local upper = level:upper()
  fibaro[level] = function(tag, ...)
    check(type(tag) == "string" or type(tag) == "number", 1, level, "tag expected, got " .. type(tag))
    log.write(upper, tag ~= tag and "nan" or tostring(tag), ...)
  end
end

-- The actions a device with no QuickApp object behind it takes (the
-- controller, devices created by api.post("/devices")): what the box's own
-- drivers do with them, on the device's properties.
local plain_actions = {
  turnOn = function(device) model.set_property(device.id, "value", true) end,
  turnOff = function(device) model.set_property(device.id, "value", false) end,
  toggle = function(device) model.set_property(device.id, "value", not device.properties.value) end,
  setValue = function(device, value) model.set_property(device.id, "value", value) end,
  wakeUpDeadDevice = function(device, target) -- the controller's
    if device.id == 1 and to_id(target) and model.devices[to_id(target)] then
      model.set_property(to_id(target), "dead", false)
    end
  end,
}

-- A warning with the tag of the QuickApp that made the call.
local function warn(text)
  local env = require("plua.fibaro.environment")
  log.write("WARNING", env.tag_of(env.calling_quickapp()), text)
end

-- What to do with `action` on device `id`, which has no QuickApp object:
-- a function to run, or nil after warning that nothing will happen.
local function plain_runner(id, action)
  local device = model.devices[id]
  if not device then return warn(("fibaro.call(%d, '%s'): there is no device %d"):format(id, action, id)) end
  local run = plain_actions[action]
  if not run or (device.actions[action] == nil and not (id == 1 and action == "wakeUpDeadDevice")) then
    return warn(("fibaro.call(%d, '%s'): device %d (%s) has no QuickApp and no action '%s'"):format(id, action,
      id, device.type, action))
  end
  return function(...) run(device, ...) end
end

-- Runs the action now, inside the task that carries it: through the
-- QuickApp object the device has by then, or had at the call (a
-- QuickApp:actionHandler(event) takes every action, its children's too),
-- else as a plain device.
local function run_action(id, action, packed, called)
  local object = model.objects[id] or called
  local owner = model.quickapp_of(id)
  if not object and owner and owner.waiting then
    -- its QuickApp is still starting: the action waits for its onInit
    owner.waiting[#owner.waiting + 1] = function() run_action(id, action, packed) end
    return
  end
  if not object then
    if not model.devices[id] then return end -- deleted since the call: nothing happens
    local run = plain_runner(id, action)
    if run then run(table.unpack(packed, 1, packed.n)) end
    return
  end
  local qa = owner and model.objects[owner.id]
  local handler = qa and qa.actionHandler
  if type(handler) == "function" then
    return handler(qa, { deviceId = id, actionName = action, args = { table.unpack(packed, 1, packed.n) } })
  end
  object:callAction(action, table.unpack(packed, 1, packed.n))
end

-- Asynchronous, as on the HC3: the action runs as its own task, after the
-- caller's; an error in it names the script line of the call (`origin`
-- false: a REST request, no script line made it). Whether a QuickApp
-- object takes it is decided when it runs (a QuickApp started in the same
-- run may not have its object yet when called). A device that does not
-- exist, or cannot take the action, is a warning now.
local function post_action(id, action, origin, ...)
  id = check_id(id, "call")
  if type(action) ~= "string" then check(false, 2, "call", "action name expected, got " .. type(action)) end
  if online.remote(id) then -- the HC3's device: its action, as its own task
    local packed = table.pack(...)
    local env = require("plua.fibaro.environment")
    local tag = env.tag_of(env.calling_quickapp()) -- the caller's, for the warning
    tasks.post(function()
      local _, status = api().post(("/devices/%d/action/%s"):format(id, action),
        { args = { table.unpack(packed, 1, packed.n) } })
      if status == 404 then
        log.write("WARNING", tag, ("fibaro.call(%d, '%s'): the HC3 has no device %d"):format(id, action, id))
      end
    end, "action", origin)
    return
  end
  if not model.objects[id] and not model.quickapp_of(id) and not plain_runner(id, action) then return end
  local packed = table.pack(...)
  if model.trace then
    local shown = {}
    for i = 1, packed.n do shown[i] = model.describe(packed[i]) end
    model.trace(("fibaro.call(%d, %q%s)"):format(id, action, packed.n > 0 and ", " .. table.concat(shown, ", ") or ""))
  end
  local called = model.objects[id] -- the object of the call's time, if the device is deleted meanwhile
  tasks.post(function() run_action(id, action, packed, called) end, "action", origin)
end

local function call_one(id, action, ...) return post_action(id, action, nil, ...) end

function fibaro.call(id, action, ...)
  if type(action) ~= "string" then check(false, 2, "call", "action name expected, got " .. type(action)) end
  if type(id) == "table" then
    for _, one in ipairs(id) do call_one(one, action, ...) end
    return
  end
  call_one(id, action, ...)
end
-- The REST API's actions: (id, action, from_server, ...), from_server when
-- the REST server's request, not a script's api.post, asks.
function fibaro._call_from(id, action, from_server, ...)
  local origin = nil
  if from_server then origin = false end
  return post_action(id, action, origin, ...)
end

-- value, modified time of a device property (nil if the device has none)
local function get(id, property)
  if online.remote(id) then
    local p, status = api().get(("/devices/%d/properties/%s"):format(id, property))
    if status ~= 200 or type(p) ~= "table" or p.value == nil then return nil end
    return p.value, p.modified
  end
  if id == 1 then model.refresh_sun() end
  local device = model.devices[id]
  if not device then return nil end
  local value = device.properties[property]
  if value == nil then return nil end
  return model.copy(value), device.modified
end

function fibaro.get(id, property)
  id = check_id(id, "get")
  check(type(property) == "string", 2, "get", "property name expected, got " .. type(property))
  return get(id, property)
end

function fibaro.getValue(id, property)
  id = check_id(id, "getValue")
  check(type(property) == "string", 2, "getValue", "property name expected, got " .. type(property))
  return (get(id, property))
end

-- fibaro.getType/getName/getRoomID: one field of a device (nil if none).
for name, field in pairs({ getType = "type", getName = "name", getRoomID = "roomID" }) do
  fibaro[name] = function(id)
    id = check_id(id, name)
    local device = online.remote(id) and remote_device(id) or model.devices[id]
    return device and device[field]
  end
end

local function room_of(roomId)
  for _, room in ipairs(online.enabled and (api().get("/rooms") or {}) or model.rooms) do
    if room.id == roomId then return room end
  end
  return nil
end

-- The room of device `id` for fibaro.<name> (nil if none).
local function room_of_device(id, name)
  id = check_id(id, name)
  local device = online.remote(id) and remote_device(id) or model.devices[id]
  return device and room_of(device.roomID)
end

function fibaro.getSectionID(id)
  local room = room_of_device(id, "getSectionID")
  return room and room.sectionID
end

function fibaro.getRoomName(roomId)
  local room = room_of(check_id(roomId, "getRoomName", "room id"))
  return room and room.name
end

function fibaro.getRoomNameByDeviceID(id)
  local room = room_of_device(id, "getRoomNameByDeviceID")
  return room and room.name
end

-- Does device match filter = { name=, type=, baseType=, parentId=, enabled=,
-- visible=, roomID=, interfaces={...}, properties={name=value} }?
-- (getDevicesID checks the filter; /devices queries give strings.)
local function matches(device, filter)
  for key, want in pairs(filter) do
    if key == "properties" then
      if type(want) ~= "table" then return false end
      for name, value in pairs(want) do
        if device.properties[name] ~= value then return false end
      end
    elseif key == "interfaces" then
      if type(want) ~= "table" then want = { want } end
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
  check(filter.properties == nil or type(filter.properties) == "table", 1, "getDevicesID",
    "filter field 'properties' must be a table of name = value, got " .. type(filter.properties))
  check(filter.interfaces == nil or type(filter.interfaces) == "table", 1, "getDevicesID",
    "filter field 'interfaces' must be a table of interface names, got " .. type(filter.interfaces))
  local ids = {}
  if online.enabled then -- the HC3's devices and the run's own
    for _, device in ipairs(api().get("/devices") or {}) do
      if matches(device, filter) then ids[#ids + 1] = device.id end
    end
    return ids
  end
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
    -- the box leaves out its own devices (ids 1 to 3), as here
    if type(device) == "table" and math.type(device.id) == "integer" and device.id > 3 then ids[#ids + 1] = device.id end
  end
  return ids
end

function fibaro.getGlobalVariable(name)
  check(type(name) == "string", 1, "getGlobalVariable", "variable name expected, got " .. type(name))
  if online.enabled then
    local g = api().get("/globalVariables/" .. name)
    if type(g) ~= "table" then return nil end
    return g.value, g.modified
  end
  local g = model.globals[name]
  if not g then return nil end
  return g.value, g.modified
end

-- Offline there is no UI to create globals in: setting one creates it.
-- Values are strings on the HC3: numbers and booleans become strings.
function fibaro.setGlobalVariable(name, value)
  local err = model.name_error(name, "variable name")
  check(not err, 1, "setGlobalVariable", err)
  local t = type(value)
  check(t == "string" or t == "number" or t == "boolean", 2, "setGlobalVariable",
    "string value expected, got " .. t)
  if online.enabled then -- as on the box: a missing variable stays missing (404)
    api().put("/globalVariables/" .. name, { name = name, value = tostring(value) })
    return
  end
  model.set_global(name, value, true)
end

-- A delay of NaN is refused (it would silently mean 0); negative delays
-- mean 0 and math.huge never fires, as for the global setTimeout.
-- fibaro.setTimeout(ms, fn) / fibaro.setInterval(ms, fn): the globals with
-- the HC3's argument order.
-- fibaro.setTimeout(ms, fn, errorHandler): as on the box, an error in fn
-- goes to errorHandler(err) instead of the log when one is given.
local function timer_starter(name, what, start)
  return function(ms, fn, on_error)
    check(type(ms) == "number" and ms == ms, 1, name, what .. " in ms expected, got " .. model.number_text(ms))
    check(type(fn) == "function", 2, name, "function expected, got " .. type(fn))
    check(on_error == nil or type(on_error) == "function", 3, name, "error handler function expected, got "
      .. type(on_error))
    if on_error then
      local run = fn
      fn = function()
        local ok, err = pcall(run)
        if not ok then on_error(err) end
      end
    end
    return start(fn, ms)
  end
end
fibaro.setTimeout = timer_starter("setTimeout", "delay", setTimeout)

local function check_ref(ref, name)
  check(ref == nil or type(ref) == "number", 1, name, "timer reference expected, got " .. type(ref))
end

function fibaro.clearTimeout(ref)
  check_ref(ref, "clearTimeout")
  clearTimeout(ref)
end

fibaro.setInterval = timer_starter("setInterval", "interval", setInterval)

function fibaro.clearInterval(ref)
  check_ref(ref, "clearInterval")
  clearInterval(ref)
end

-- Non-blocking: the calling task waits, timers and other tasks go on. A
-- negative time is no wait; one past 2^31-1 ms (24.8 days), NaN or
-- math.huge would never end and is refused.
local kMaxSleepMs = 2147483647
function fibaro.sleep(ms)
  check(type(ms) == "number", 1, "sleep", "milliseconds expected, got " .. type(ms))
  check(ms == ms and ms <= kMaxSleepMs, 1, "sleep",
    ("milliseconds up to %d expected, got %s"):format(kMaxSleepMs, model.number_text(ms)))
  _PY.sleep(math.max(ms, 0) / 1000)
end

function fibaro.emitCustomEvent(name)
  local err = model.name_error(name, "event name")
  check(not err, 1, "emitCustomEvent", err)
  if online.enabled then
    api().post("/customEvents/" .. name)
    return
  end
  if not model.custom_events[name] then model.add_custom_event(name) end
  model.emit("CustomEvent", { name = name })
end

-- ---- alarms, scenes, profiles, group actions (over the REST API, as on the box) ----

-- fibaro.alarm(partitionId, "arm"|"disarm") or fibaro.alarm("arm"|"disarm")
-- for the whole house.
function fibaro.alarm(partition, action)
  if type(partition) == "string" then partition, action = nil, partition end
  check(partition == nil or to_id(partition), 1, "alarm", "partition id or action expected, got " .. type(partition))
  check(action == "arm" or action == "disarm", partition and 2 or 1, "alarm",
    ("'arm' or 'disarm' expected, got %s"):format(model.describe(action)))
  local path = partition and ("/alarms/v1/partitions/%d/actions/arm"):format(to_id(partition))
    or "/alarms/v1/partitions/actions/arm"
  if action == "arm" then api().post(path) else api().delete(path) end
end

function fibaro.getPartitions() return (api().get("/alarms/v1/partitions")) end

function fibaro.getPartition(id)
  return (api().get("/alarms/v1/partitions/" .. check_id(id, "getPartition", "partition id")))
end

function fibaro.getPartitionArmState(id)
  local p = fibaro.getPartition(check_id(id, "getPartitionArmState", "partition id"))
  return p and (p.armed and "armed" or "disarmed")
end

-- Online: the HC3's partitions decide.
local function remote_breached()
  local ids = {}
  for _, p in ipairs(api().get("/alarms/v1/partitions") or {}) do
    if p.breached then ids[#ids + 1] = p.id end
  end
  return ids
end

function fibaro.getHomeArmState()
  if not online.enabled then return require("plua.fibaro.alarms").home_state() end
  local n, armed = 0, 0
  for _, p in ipairs(api().get("/alarms/v1/partitions") or {}) do n, armed = n + 1, armed + (p.armed and 1 or 0) end
  if armed == 0 then return "disarmed" end
  return armed == n and "armed" or "partially_armed"
end

local function breached_ids()
  return online.enabled and remote_breached() or require("plua.fibaro.alarms").breached_ids()
end

function fibaro.isHomeBreached() return next(breached_ids()) ~= nil end

function fibaro.isPartitionBreached(id)
  id = check_id(id, "isPartitionBreached", "partition id")
  for _, breached in ipairs(breached_ids()) do
    if breached == id then return true end
  end
  return false
end

-- fibaro.alert(kind, userIds, text): offline there is no one to notify;
-- the alert is logged so that the QuickApp's flow can be followed.
local alert_kinds = { email = true, push = true, simplePush = true }
function fibaro.alert(kind, ids, text)
  check(alert_kinds[kind], 1, "alert", "'email', 'push' or 'simplePush' expected, got " .. model.describe(kind))
  check(type(ids) == "table", 2, "alert", "table of user ids expected, got " .. type(ids))
  check(type(text) == "string", 3, "alert", "notification text expected, got " .. type(text))
  local shown = {}
  for i, id in ipairs(ids) do shown[i] = tostring(id) end
  local why = online.enabled and "not sent: plua does not send the HC3's alerts" or "offline, not sent"
  log.write("INFO", "ALERT", ("%s to [%s]: %s (%s)"):format(kind, table.concat(shown, ","), text, why))
end

-- fibaro.scene("execute"|"kill", {ids}): scenes run on the box's scene
-- engine, not in a QuickApp.
function fibaro.scene(action, ids)
  check(action == "execute" or action == "kill", 1, "scene", "'execute' or 'kill' expected, got " .. model.describe(action))
  check(type(ids) == "table", 2, "scene", "table of scene ids expected, got " .. type(ids))
  for _, id in ipairs(ids) do
    id = check_id(id, "scene", "scene id")
    if online.enabled then -- the HC3 runs it
      api().post(("/scenes/%d/%s"):format(id, action), {})
    else
      local _, status = api().post(("/scenes/%d/%s"):format(id, action))
      if status == 404 then args.raise(("fibaro.scene: no scene %d"):format(id)) end
      args.raise(("fibaro.scene: scene %d: running a scene needs a real HC3"):format(id))
    end
  end
end

function fibaro.profile(action, id)
  check(action == "activeProfile", 1, "profile", "'activeProfile' expected, got " .. model.describe(action))
  local result, status = api().post("/profiles/activeProfile/" .. check_id(id, "profile", "profile id"))
  return result, status
end

-- { args = {...}, filters = {...} } -> the ids of the devices acted on (nil
-- if the request was refused).
function fibaro.callGroupAction(action, data)
  check(type(action) == "string", 1, "callGroupAction", "action name expected, got " .. type(action))
  check(type(data) == "table", 2, "callGroupAction", "table expected, got " .. type(data))
  local result, status = api().post("/devices/groupAction/" .. action, data)
  return status == 202 and result.devices or nil
end

-- A UI event on a device, as pressing the element in the app would.
function fibaro.callUI(id, event, element, value)
  id = check_id(id, "callUI")
  check(type(event) == "string", 2, "callUI", "event type expected, got " .. type(event))
  check(type(element) == "string", 3, "callUI", "element name expected, got " .. type(element))
  local _, status = api().post("/plugins/callUIEvent", { deviceID = id, eventType = event, elementName = element,
    values = value ~= nil and { value } or {} })
  return status
end

-- The Z-Wave controller's action: offline a dead device simply comes back.
function fibaro.wakeUpDeadDevice(id)
  fibaro.call(1, "wakeUpDeadDevice", check_id(id, "wakeUpDeadDevice"))
end

-- Every callback runs as its own task in plua already; the flag is kept
-- for QuickApps that read it back.
local async_handler = true
function fibaro.useAsyncHandler(value)
  check(type(value) == "boolean", 1, "useAsyncHandler", "boolean expected, got " .. type(value))
  async_handler = value
end
function fibaro._async_handler(value)
  if value ~= nil then async_handler = value == true end
  return async_handler
end

fibaro.getSceneVariable = function() args.raise("fibaro.getSceneVariable is for scenes, not QuickApps") end
fibaro.setSceneVariable = function() args.raise("fibaro.setSceneVariable is for scenes, not QuickApps") end

return fibaro
