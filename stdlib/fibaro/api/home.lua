-- The controller's house-keeping resources: rooms and sections (CRUD),
-- settings, location panels, home, weather, diagnostics, users, profiles,
-- icons, energy, notifications, debug messages and the HTTP proxy, as a
-- box with no network answers them.
local json = require("json")
local model = require("plua.fibaro.model")
local clock = require("plua.fibaro.clock")
local log = require("plua.fibaro.log")
local router = require("plua.fibaro.api.router")

local route, not_found, bad_request, by_id = router.route, router.not_found, router.bad_request, router.by_id
local number_of = router.number_of

local function now() return math.floor(clock.now()) end

local function index_of(list, id)
  local n = number_of(id)
  for i, item in ipairs(list) do
    if item.id == n then return i end
  end
  return nil
end

local function next_id(list)
  local top = 0
  for _, item in ipairs(list) do top = math.max(top, item.id) end
  return top + 1
end

-- ---- rooms and sections ------------------------------------------------------

-- A list resource with POST (201), PUT and DELETE; `fields` names what a
-- body may set (name -> Lua type), `defaults(data)` fills a new item; the
-- first item is the default one, which stays.
local function crud(path, list, what, fields, defaults, on_delete)
  local default_id = list[1].id
  route("GET", path, function() return model.copy(list), 200 end)
  route("GET", path .. "/(%d+)", function(c) return by_id(list, c[1], what) end)
  local function fields_error(data)
    for key, value in pairs(data) do
      if fields[key] and type(value) ~= fields[key] then return ("%s must be a %s, got %s"):format(key, fields[key], type(value)) end
    end
    return nil
  end
  route("POST", path, function(_, data)
    if model.name_error(data.name, "name") then return bad_request("name expected") end
    local err = fields_error(data)
    if err then return bad_request(err) end
    local item = defaults(data)
    item.id = next_id(list)
    for key in pairs(fields) do
      if data[key] ~= nil then item[key] = model.copy(data[key]) end
    end
    list[#list + 1] = item
    return model.copy(item), 201
  end)
  route("PUT", path .. "/(%d+)", function(c, data)
    local i = index_of(list, c[1])
    if not i then return not_found(what) end
    local err = fields_error(data) or (data.name ~= nil and model.name_error(data.name, "name"))
    if err then return bad_request(err) end
    for key in pairs(fields) do
      if data[key] ~= nil then list[i][key] = model.copy(data[key]) end
    end
    return model.copy(list[i]), 200
  end)
  route("DELETE", path .. "/(%d+)", function(c)
    local i = index_of(list, c[1])
    if not i then return not_found(what) end
    if list[i].id == default_id then return bad_request("the default " .. what:lower() .. " cannot be deleted") end
    local gone = table.remove(list, i)
    on_delete(gone)
    return nil, 200
  end)
end

local default_room = model.rooms[1]
crud("/rooms", model.rooms, "Room", { name = "string", sectionID = "number", icon = "string", category = "string",
  visible = "boolean" }, function(data)
  return { sectionID = default_room.sectionID, icon = "room_boy", category = "other", visible = true, isDefault = false,
    defaultSensors = {}, defaultThermostat = json.null, sortOrder = #model.rooms + 1, name = data.name }
end, function(room) -- its devices go to the default room, as on the box
  for _, device in pairs(model.devices) do
    if device.roomID == room.id then device.roomID = default_room.id end
  end
end)

crud("/sections", model.sections, "Section", { name = "string" }, function(data)
  return { name = data.name, sortOrder = #model.sections + 1 }
end, function(section)
  for _, room in ipairs(model.rooms) do
    if room.sectionID == section.id then room.sectionID = model.sections[1].id end
  end
end)

-- ---- settings ----------------------------------------------------------------

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

-- GET /settings lists what there is; GET /settings/{name} of one that is
-- not there is 404.
route("GET", "/settings", function()
  return { "info", "location", "network", "led" }, 200
end)

-- The box's own address is loopback: nothing offline can reach it otherwise.
route("GET", "/settings/network", function()
  local lan = { enabled = true, ipConfig = { ipMode = "static", ip = "127.0.0.1", mask = "255.0.0.0",
    gateway = "127.0.0.1", dns1 = "127.0.0.1", dns2 = "" } }
  return { networkConfig = { eth0 = lan, wlan0 = { enabled = false, ipConfig = { ipMode = "dhcp" } } },
    hostName = "plua", internetAccess = false }, 200
end)

local led = { brightness = 100 }
route("GET", "/settings/led", function() return model.copy(led), 200 end)
route("PUT", "/settings/led", function(_, data)
  if data.brightness ~= nil and math.type(data.brightness) ~= "integer" then
    return bad_request("brightness must be an integer")
  end
  led.brightness = data.brightness or led.brightness
  return model.copy(led), 200
end)

-- ---- location panels: /panels/location -------------------------------------------

local locations = { { id = 6, name = "Home", address = "", radius = 150, home = true } }
local function located(place)
  local out = model.copy(place)
  if out.home then out.latitude, out.longitude = model.latitude, model.longitude end
  return out
end
route("GET", "/panels/location", function()
  local list = {}
  for i, place in ipairs(locations) do list[i] = located(place) end
  return list, 200
end)
route("GET", "/panels/location/(%d+)", function(c)
  local i = index_of(locations, c[1])
  if not i then return not_found("Location") end
  return located(locations[i]), 200
end)
route("POST", "/panels/location", function(_, data)
  if model.name_error(data.name, "name") then return bad_request("name expected") end
  if type(data.latitude) ~= "number" or type(data.longitude) ~= "number" then
    return bad_request("latitude and longitude must be numbers")
  end
  local place = { id = next_id(locations), name = data.name, address = data.address or "", radius = data.radius or 150,
    latitude = data.latitude, longitude = data.longitude, home = false }
  locations[#locations + 1] = place
  return model.copy(place), 201
end)
route("DELETE", "/panels/location/(%d+)", function(c)
  local i = index_of(locations, c[1])
  if not i then return not_found("Location") end
  if locations[i].home then return bad_request("the home location cannot be deleted") end
  table.remove(locations, i)
  return nil, 200
end)

-- The other panels a QuickApp may read: nothing configured offline.
for _, panel in ipairs({ "climate", "family", "favoriteColors", "favoriteColors/v2", "humidity", "notifications",
  "sprinklers" }) do
  route("GET", "/panels/" .. panel, function() return {}, 200 end)
end
route("GET", "/panels/climate/(%d+)", function() return not_found("Climate zone") end)

-- ---- home, weather, diagnostics, users, icons, energy -------------------------------

local home_changes, weather_changes = {}, {}
local function merged(record, changes)
  for k, v in pairs(changes) do record[k] = model.copy(v) end
  return record
end
local function merge_into(changes)
  return function(_, data)
    for k, v in pairs(data) do changes[k] = model.copy(v) end
    return nil, 204
  end
end
route("PUT", "/home", merge_into(home_changes))
route("PUT", "/weather", merge_into(weather_changes))

route("GET", "/home", function()
  return merged({ timestamp = now(), defaultSensors = { temperature = 0, humidity = 0, light = 0 },
    meters = { energy = {} }, notificationClient = { marketingNotificationAllowed = false }, hcName = "plua",
    weatherProvider = 3, currency = "EUR", fireAlarmTemperature = 55, freezeAlarmTemperature = 2,
    timeFormat = 24, dateFormat = "dd.mm.yy", firstRunAfterUpdate = false }, home_changes), 200
end)

-- No weather service offline: a still, mild, clear day (PUT /weather
-- changes it, as a weather QuickApp does on the box).
route("GET", "/weather", function()
  return merged({ ConditionCode = 32, Humidity = 50, Pressure = 1013, Temperature = 20, TemperatureUnit = "C",
    WeatherCondition = "clear", WeatherConditionConverted = "clear", Wind = 0, WindUnit = "km/h" }, weather_changes), 200
end)

route("GET", "/diagnostics", function()
  local kb = math.floor(collectgarbage("count"))
  return { memory = { free = 0, cache = 0, buffers = 0, used = kb }, storage = { internal = {} },
    cpuLoad = { { name = "cpu0", user = "0", nice = "0", system = "0", idle = "100" } } }, 200
end)

local users = { { id = 2, name = "admin", type = "superuser", email = "", sendNotifications = false, tracking = 0,
  useOptionalArmPin = false, initialWizard = false } }
route("GET", "/users", function() return model.copy(users), 200 end)
route("GET", "/users/(%d+)", function(c) return by_id(users, c[1], "User") end)
route("GET", "/iosDevices", function() return {}, 200 end)

-- A push to the users' phones ({ mobileDevices, title, message [, category,
-- service, action, data] }): a box with no network reaches no phone, so the
-- push is logged as fibaro.alert's are, and answered as sent.
route("POST", "/mobile/push", function(_, data)
  if type(data.mobileDevices) ~= "table" then return bad_request("mobileDevices must be a list of mobile device ids") end
  if type(data.message) ~= "string" then return bad_request("message must be a string") end
  if data.title ~= nil and type(data.title) ~= "string" then return bad_request("title must be a string") end
  local ids = {}
  for i, id in ipairs(data.mobileDevices) do ids[i] = tostring(id) end
  local title = data.title and data.title ~= "" and data.title .. ": " or ""
  local action = type(data.data) == "table" and type(data.data.actionName) == "string"
    and (", action %s on %s"):format(data.data.actionName, tostring(data.data.deviceId)) or ""
  log.write("INFO", "ALERT", ("push to [%s]: %s%s (%s%s, not sent)"):format(table.concat(ids, ","), title, data.message,
    data.category or "no category", action))
  return nil, 200
end)

route("GET", "/icons", function() return { device = {}, room = {}, scene = {} }, 200 end)

-- Devices that measure energy (have an `energy` property).
route("GET", "/energy/devices", function()
  local list = {}
  for _, id in ipairs(model.device_ids()) do
    local device = model.devices[id]
    if device.properties.energy ~= nil then
      list[#list + 1] = { id = id, name = device.name, roomId = device.roomID, type = device.type }
    end
  end
  return list, 200
end)

-- ---- profiles ----------------------------------------------------------------

local profiles = { activeProfile = 1, profiles = {} }
for i, name in ipairs({ "Home", "Away", "Vacation", "Night" }) do
  profiles.profiles[i] = { id = i, name = name, iconId = i, devices = {}, scenes = {}, climateZones = {}, partitions = {} }
end
route("GET", "/profiles", function() return model.copy(profiles), 200 end)
route("GET", "/profiles/(%d+)", function(c) return by_id(profiles.profiles, c[1], "Profile") end)
route("POST", "/profiles/activeProfile/(%d+)", function(c)
  local id = number_of(c[1])
  if not index_of(profiles.profiles, id) then return not_found("Profile") end
  local old = profiles.activeProfile
  profiles.activeProfile = id
  model.emit("ActiveProfileChangedEvent", { newActiveProfile = id, oldActiveProfile = old })
  return model.copy(profiles), 200
end)

-- ---- notifications and debug messages ---------------------------------------------

local notifications = {}
route("GET", "/notificationCenter", function() return model.copy(notifications), 200 end)
route("POST", "/notificationCenter", function(_, data)
  if data.data ~= nil and type(data.data) ~= "table" then return bad_request("data must be an object") end
  local item = { id = next_id(notifications), priority = data.priority or "info", wasRead = false,
    canBeDeleted = data.canBeDeleted ~= false, type = data.type or "GenericSystemNotification",
    data = model.copy(data.data or {}), created = now() }
  notifications[#notifications + 1] = item
  return model.copy(item), 201
end)
route("PUT", "/notificationCenter/(%d+)", function(c, data)
  local i = index_of(notifications, c[1])
  if not i then return not_found("Notification") end
  if data.wasRead ~= nil then notifications[i].wasRead = data.wasRead == true end
  if type(data.data) == "table" then notifications[i].data = model.copy(data.data) end
  return model.copy(notifications[i]), 200
end)
route("DELETE", "/notificationCenter/(%d+)", function(c)
  local i = index_of(notifications, c[1])
  if not i then return not_found("Notification") end
  table.remove(notifications, i)
  return nil, 200
end)

-- What the QuickApps logged (the console's list): GET with ?last=N for the
-- newer ones; POST { tag, message, messageType } writes a line.
route("GET", "/debugMessages", function(_, _, query)
  local last = number_of(query.last) or 0
  return { nextLast = log.last_id, messages = model.copy(log.since(math.tointeger(last) or 0)) }, 200
end)
local message_types = { debug = "DEBUG", trace = "TRACE", warning = "WARNING", error = "ERROR", info = "INFO" }
route("POST", "/debugMessages", function(_, data)
  if type(data.message) ~= "string" then return bad_request("message must be a string") end
  local level = message_types[tostring(data.messageType or "debug"):lower()]
  if not level then return bad_request("messageType must be debug, trace, warning or error") end
  log.line(level, tostring(data.tag or "QUICKAPP"), data.message)
  return nil, 200
end)
route("DELETE", "/debugMessages", function()
  log.clear_recent()
  return nil, 200
end)

-- ---- the HTTP proxy: no network offline -------------------------------------------

route("GET", "/proxy", function(_, _, query)
  if type(query.url) ~= "string" or query.url == "" then return bad_request("url expected") end
  return router.error(502, "BadGateway", ("offline: cannot reach %s (no network)"):format(query.url))
end)

return true
