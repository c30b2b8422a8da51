-- require("plua.fibaro"): the offline Fibaro HC3 emulation (../shared/spec/fibaro.md).
-- C++ (runtime/fibaro_boot) checks the headers and calls setup(config)
-- before any chunk runs; the boot task then runs run_files() (the `file`
-- headers), the main script and start(), which creates the QuickApp.
local clock = require("plua.fibaro.clock")
local log = require("plua.fibaro.log")
local model = require("plua.fibaro.model")
local class = require("plua.fibaro.class")
local quickapp = require("plua.fibaro.quickapp")
local hub = require("plua.fibaro.hub")
local api = require("plua.fibaro.api")
local json = require("json")
local args = require("plua.args")
local tasks = require("plua.fibaro.tasks")

local M = {}
local loaded_files = {}
local chunk_names = {} -- file name -> the chunk name it was first loaded with
local main_device

-- A header value that is Lua source ({...}, 42, "text", env.API_KEY,
-- config.user .. "@home") -> its value.
local function literal(entry, what)
  local chunk, err = load("return " .. entry.text, "=header", "t", require("plua.fibaro.header_env").environment())
  if chunk then
    local ok, value = pcall(chunk)
    if ok then return value end
    err = value
  end
  error(("%s: header '%s' is not a Lua value: %s"):format(entry.where, what, (err:gsub("^header:%d+: ", ""))), 0)
end

-- `u` headers: callbacks for buttons, sliders, switches; initial label texts.
local events_of = { button = { "onReleased", "onLongPressDown", "onLongPressReleased" }, slider = { "onChanged" },
  switch = { "onReleased", "onToggled" }, select = { "onToggled" }, multi = { "onToggled" } }

local function add_ui(element, device)
  if type(element) ~= "table" then return end
  if element[1] ~= nil then -- a row of elements
    for _, e in ipairs(element) do add_ui(e, device) end
    return
  end
  for kind, events in pairs(events_of) do
    local id = element[kind]
    if id then
      for _, event in ipairs(events) do
        if element[event] then
          local list = device.properties.uiCallbacks
          list[#list + 1] = { name = id, eventType = event, callback = element[event] }
        end
      end
      device.view[id] = { text = element.text, value = element.value }
    end
  end
  if element.label then device.view[element.label] = { text = element.text } end
end

local function find_file(file, main)
  if file.path:sub(1, 1) == "$" then
    local found = package.searchpath(file.path:sub(2), package.path)
    if not found then
      error(("%s: header 'file': module %s not found on package.path"):format(file.where, file.path:sub(2)), 0)
    end
    return found
  end
  local f = io.open(file.path, "rb")
  if f then
    f:close()
    return file.path
  end
  local dir = main:match("^(.*)/[^/]*$")
  if dir then
    local beside = dir .. "/" .. file.path
    f = io.open(beside, "rb")
    if f then
      f:close()
      return beside
    end
  end
  error(("%s: header 'file': cannot open %s"):format(file.where, file.path), 0)
end

-- ---- the sandbox ------------------------------------------------------------------
-- On the box a QuickApp's code sees no io, no file loading, no modules and
-- only the harmless part of os. Its chunks get this view of the globals
-- as their _ENV: reads of a hidden name give nil (so the common
-- `_ = loadfile and loadfile("TQAE.lua"){...}` line does nothing), every
-- other read and every write is the real global's, so the emulation and
-- the QuickApp share __TAG, quickApp and the rest. plua's own _PY stays;
-- _G is the real global table.
local hidden = { io = true, dofile = true, loadfile = true, require = true, package = true }
local os_allowed = { time = true, date = true, clock = true, difftime = true }
local sandbox
local full_lua = false

function M.sandbox()
  if full_lua then return _G end
  if sandbox then return sandbox end
  local os_view = setmetatable({}, { __index = function(_, k) return os_allowed[k] and os[k] or nil end })
  -- load without an environment loads into the QuickApp's, as on the box
  local function sandboxed_load(chunk, name, mode, ...)
    if select("#", ...) > 0 then return load(chunk, name, mode, ...) end
    return load(chunk, name, mode, sandbox)
  end
  sandbox = setmetatable({}, {
    -- _G stays the global table itself, so that rawget(_G, name) and
    -- _G[name] see the QuickApp's globals
    __index = function(_, k)
      if k == "os" then return os_view end
      if k == "load" then return sandboxed_load end
      if hidden[k] then return nil end
      return _G[k]
    end,
    __newindex = _G,
  })
  return sandbox
end

-- A file's text for /quickApp/{id}/files ("" if it cannot be read: the
-- main chunk may come from stdin).
local function read_text(path)
  local f = path and io.open(path, "rb")
  if not f then return "" end
  local text = f:read("a")
  f:close()
  return text
end

local function install_globals(config)
  _G.class = class.class
  _G.QuickAppBase, _G.QuickApp, _G.QuickAppChild = quickapp.QuickAppBase, quickapp.QuickApp, quickapp.QuickAppChild
  _G.fibaro, _G.hub, _G.api, _G.json = hub, hub, api, json
  local net = {}
  for name, value in pairs(require("plua.net")) do net[name] = value end
  for _, name in ipairs({ "TCPSocket", "UDPSocket", "WebSocketClient", "WebSocketClientTls" }) do
    net[name] = net[name] or function() args.raise(("net.%s is not supported by plua yet"):format(name)) end
  end
  _G.net = net
  -- mqtt.Client: plua.mqtt loads on first use, so QuickApps without MQTT
  -- do not pay for it at start-up (libmosquitto itself loads on connect).
  _G.mqtt = setmetatable({}, { __index = function(proxy, key)
    setmetatable(proxy, nil)
    for name, value in pairs(require("plua.mqtt")) do proxy[name] = value end
    return rawget(proxy, key)
  end })
  local function check_id(id, name)
    local n = type(id) == "number" and math.tointeger(id)
    if not n then args.error(1, "plugin." .. name, "device id expected, got " .. model.number_text(id)) end
    return n
  end
  _G.plugin = {
    mainDeviceId = main_device.id,
    -- nil for a device that does not exist (not the 404 body)
    getDevice = function(id)
      local device, status = api.get("/devices/" .. check_id(id, "getDevice"))
      return status == 200 and device or nil
    end,
    getProperty = function(id, name)
      id = check_id(id, "getProperty")
      if type(name) ~= "string" then args.error(2, "plugin.getProperty", "property name expected, got " .. type(name)) end
      return hub.getValue(id, name)
    end,
    getChildDevices = function(id)
      return (api.get("/devices?parentId=" .. (id == nil and main_device.id or check_id(id, "getChildDevices"))))
    end,
    deleteDevice = function(id) return api.delete("/devices/" .. check_id(id, "deleteDevice")) end,
    -- the child's device record (its QuickApp object is createChildDevice's)
    createChildDevice = function(spec)
      local err = model.child_spec_error(spec)
      if err then args.error(1, "plugin.createChildDevice", err) end
      local data = model.copy(spec)
      data.parentId = data.parentId or main_device.id
      local device = api.post("/plugins/createChildDevice", data)
      if not device then args.error(1, "plugin.createChildDevice", "no device " .. model.describe(data.parentId)) end
      return device
    end,
    restart = function(id) M.restart(id == nil and main_device.id or check_id(id, "restart")) end,
  }
  require("plua.fibaro.builtins").install(_G)
  _G.RefreshStateSubscriber = require("plua.fibaro.refresh_states")
  _G.__TAG = (config.name .. main_device.id):upper()
  -- As on the controller: print is a DEBUG line with the QuickApp's tag.
  _G.print = function(...) log.write("DEBUG", rawget(_G, "__TAG") or "QUICKAPP", ...) end
end

function M.setup(config)
  full_lua = config.full_lua
  if not model.is_known_type(config.type) then
    error(("%s: header 'type' expects a known device type (e.g. com.fibaro.binarySwitch), got '%s'")
      :format(config.type_where, config.type), 0)
  end
  log.color = config.color
  local pinned = config.env_time or config.time
  if pinned then clock.pin(pinned, config.env_time and "PLUA_TIME" or "header 'time'") end
  model.latitude, model.longitude = config.latitude or model.latitude, config.longitude or model.longitude
  model.add_controller()
  local state = config.state and model.load(config.state)

  local id = math.tointeger(config.id) or 5555
  model.main_id = id
  local properties = { manufacturer = config.manufacturer, model = config.model, uid = config.uid,
    deviceRole = config.role, userDescription = config.description }
  local vars = {}
  -- A later header for the same variable (from --header) wins.
  local var_index = {}
  for _, v in ipairs(config.vars) do
    local value = literal(v, "var")
    if var_index[v.name] then
      vars[var_index[v.name]].value = value
    else
      vars[#vars + 1] = { name = v.name, value = value }
      var_index[v.name] = #vars
    end
  end
  -- Values saved by the last run win over the headers' initial values.
  local saved = state and type(state.vars) == "table" and state.vars[tostring(id)]
  for _, s in ipairs(type(saved) == "table" and saved or {}) do
    local found = false
    for _, v in ipairs(vars) do
      if v.name == s.name then v.value, found = s.value, true end
    end
    if not found then vars[#vars + 1] = { name = s.name, value = s.value } end
  end
  properties.quickAppVariables = vars
  local interfaces = { "quickApp" }
  if config.interfaces then
    local list = literal(config.interfaces, "interfaces")
    if type(list) ~= "table" then error(("%s: header 'interfaces' expects a table of names"):format(config.interfaces.where), 0) end
    for _, name in ipairs(list) do interfaces[#interfaces + 1] = name end
  end
  main_device = model.create_device({ id = id, name = config.name, type = config.type, properties = properties,
    interfaces = interfaces })
  for _, u in ipairs(config.ui) do add_ui(literal(u, "u"), main_device) end

  local files = { { name = "main", type = "lua", isMain = true, isOpen = false, content = read_text(config.file) } }
  chunk_names.main = "@" .. config.file
  for _, file in ipairs(config.files) do
    local path = find_file(file, config.file)
    local chunk, err = loadfile(path, "bt", M.sandbox())
    if not chunk then error(err, 0) end
    loaded_files[#loaded_files + 1] = chunk
    files[#files + 1] = { name = file.name, type = "lua", isMain = false, isOpen = false, content = read_text(path) }
    chunk_names[file.name] = "@" .. path
  end
  model.files[id] = files
  install_globals(config)
  if config.debug then
    model.trace = function(text) log.line("INFO", "PLUA", text) end
    model.trace(("device %d '%s' (%s) created offline"):format(id, config.name, config.type))
  end
end

-- The `file` headers' chunks, in header order, before the main file.
function M.run_files()
  for _, chunk in ipairs(loaded_files) do chunk() end
end

-- After the main file: a script that defined QuickApp:onInit gets its
-- quickApp, created on the loop as the controller would (an error in it is
-- reported against the line that defines onInit).
function M.start()
  local on_init = rawget(quickapp.QuickApp, "onInit")
  if type(on_init) ~= "function" then return end
  tasks.post(function()
    _G.quickApp = quickapp.QuickApp(main_device)
  end, "onInit", on_init)
end

-- plugin.restart / POST /plugins/restart: the QuickApp starts again in
-- place, as on the box: its timers and subscriptions end, its files (as
-- /quickApp/{id}/files holds them now) run again, the `file` headers'
-- first and main last, then onInit on a new QuickApp object. Devices,
-- variables and storage stay.
function M.restart(id)
  if id ~= main_device.id then
    args.raise(("plugin.restart: device %d is not a QuickApp (its QuickApp is %d)"):format(id, main_device.id))
  end
  log.line("INFO", "PLUA", ("restarting QuickApp %d"):format(id))
  for _, timer in ipairs(_PY.pending()) do
    if timer.kind == "interval" then clearInterval(timer.id) else clearTimeout(timer.id) end
  end
  require("plua.fibaro.refresh_states").stop_all()
  for child_id, object in pairs(model.objects) do
    if object ~= nil and child_id ~= id then model.objects[child_id] = nil end
  end
  model.objects[id] = nil
  local files, main = {}, nil
  for _, f in ipairs(model.files[id]) do
    if f.isMain then main = f else files[#files + 1] = f end
  end
  files[#files + 1] = main
  tasks.post(function()
    for _, f in ipairs(files) do
      local chunk, err = load(f.content, chunk_names[f.name] or ("=" .. f.name), "t", M.sandbox())
      if not chunk then error(err, 0) end
      chunk()
    end
    M.start()
  end, "action")
end
require("plua.fibaro.api.plugins").restart = M.restart

return M
