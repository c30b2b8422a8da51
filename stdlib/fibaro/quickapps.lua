-- One QuickApp's life in the emulation: its device built from its
-- headers (or its .fqa), its files and environment, its start (files,
-- main chunk, onInit on a new QuickApp object) and its restart. Every
-- QuickApp of the run is such a record:
--   { id, name, file, env, device, files = { {name, content, isMain, ...} },
--     chunk_names = { file name -> chunk name } }
local log = require("plua.fibaro.log")
local model = require("plua.fibaro.model")
local hub = require("plua.fibaro.hub")
local api = require("plua.fibaro.api")
local json = require("json")
local args = require("plua.args")
local tasks = require("plua.fibaro.tasks")
local environment = require("plua.fibaro.environment")
local ui_layout = require("plua.fibaro.ui_layout")

local M = {}

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

-- `u` headers -> the device's view: initial texts and values, and what the
-- browser page (web/qa_page.lua) needs to draw a select or a slider. The
-- callbacks and the HC3's layouts come from ui_layout.compile.
local function add_view(element, device)
  if type(element) ~= "table" then return end
  if element[1] ~= nil then -- a row of elements
    for _, e in ipairs(element) do add_view(e, device) end
    return
  end
  for kind in pairs(ui_layout.events_of) do
    local id = kind ~= "label" and element[kind]
    if id then
      local entry = { text = element.text, value = element.value }
      if kind == "select" or kind == "multi" then
        entry.type, entry.options = kind, element.options
        if kind == "select" then entry.selectedItem = element.value else entry.selectedItems = element.values end
      elseif kind == "slider" then
        entry.min, entry.max, entry.step = element.min, element.max, element.step
      end
      device.view[id] = entry
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

-- A file's text for /quickApp/{id}/files ("" if it cannot be read: the
-- main chunk may come from stdin).
local function read_text(path)
  local f = path and io.open(path, "rb")
  if not f then return "" end
  local text = f:read("a")
  f:close()
  return text
end

local function check_id(id, name)
  local n = type(id) == "number" and math.tointeger(id)
  if not n then args.error(1, "plugin." .. name, "device id expected, got " .. model.number_text(id)) end
  return n
end

-- The QuickApp's `plugin` table.
local function plugin_of(qa)
  return {
    mainDeviceId = qa.id,
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
      return (api.get("/devices?parentId=" .. (id == nil and qa.id or check_id(id, "getChildDevices"))))
    end,
    deleteDevice = function(id) return api.delete("/devices/" .. check_id(id, "deleteDevice")) end,
    -- the child's device record (its QuickApp object is createChildDevice's)
    createChildDevice = function(spec)
      local err = model.child_spec_error(spec)
      if err then args.error(1, "plugin.createChildDevice", err) end
      local data = model.copy(spec)
      data.parentId = data.parentId or qa.id
      local device = api.post("/plugins/createChildDevice", data)
      if not device then args.error(1, "plugin.createChildDevice", "no device " .. model.describe(data.parentId)) end
      return device
    end,
    restart = function(id) M.restart(id == nil and qa.id or check_id(id, "restart")) end,
  }
end

local function new_environment(qa) qa.env = environment.new(qa, qa.full_lua, plugin_of(qa)) end

-- The variables of the headers (a later one for the same name wins), then
-- those the state file saved for the device.
local function variables(config, state, id)
  local vars, index = {}, {}
  for _, v in ipairs(config.vars or {}) do
    local value = v.text and literal(v, "var") or v.value
    if index[v.name] then
      vars[index[v.name]].value = value
    else
      vars[#vars + 1] = { name = v.name, value = value }
      index[v.name] = #vars
    end
  end
  local saved = state and type(state.vars) == "table" and state.vars[tostring(id)]
  for _, s in ipairs(type(saved) == "table" and saved or {}) do
    if index[s.name] then vars[index[s.name]].value = s.value else vars[#vars + 1] = { name = s.name, value = s.value } end
  end
  return vars
end

-- An .fqa file (the box's export) as a config: name, type, variables, UI
-- callbacks and files from the document.
function M.fqa_config(path)
  local f, err = io.open(path, "rb")
  if not f then error(("cannot open %s"):format(err), 0) end
  local text = f:read("a")
  f:close()
  local ok, fqa = pcall(json.decode, text)
  if not ok or type(fqa) ~= "table" then
    error(("%s is not an .fqa file: %s"):format(path, ok and "not a JSON object" or tostring(fqa)), 0)
  end
  local config, why = M.fqa_document(fqa, path)
  if not config then error(why, 0) end
  return config
end

-- An .fqa document (a table) as a config, or nil and why not; `where`
-- names it (a file, or "POST /quickApp").
function M.fqa_document(fqa, where)
  if type(fqa.name) ~= "string" or type(fqa.type) ~= "string" or type(fqa.files) ~= "table" then
    return nil, ("%s is not an .fqa document: it needs name, type and files"):format(where)
  end
  if not model.is_known_type(fqa.type) then
    return nil, ("%s: type must be a known device type, got '%s'"):format(where, fqa.type)
  end
  local props = type(fqa.initialProperties) == "table" and fqa.initialProperties or {}
  local vars = {}
  for _, v in ipairs(type(props.quickAppVariables) == "table" and props.quickAppVariables or {}) do
    vars[#vars + 1] = { name = v.name, value = v.value }
  end
  local files = {}
  local has_main = false
  for _, file in ipairs(fqa.files) do
    if type(file) ~= "table" or type(file.name) ~= "string" or type(file.content) ~= "string" then
      return nil, ("%s: each file needs a name and a content"):format(where)
    end
    has_main = has_main or file.isMain == true
    files[#files + 1] = { name = file.name, type = "lua", isMain = file.isMain == true, isOpen = false,
      content = file.content }
  end
  if not has_main then return nil, ("%s: no file is the main one (isMain)"):format(where) end
  return { file = where, name = fqa.name, type = fqa.type, type_where = where, vars = vars, ui = {}, files = {},
    fqa_files = files, ui_callbacks = props.uiCallbacks, ui_view = props.uiView, interfaces_list = fqa.initialInterfaces }
end

-- Installs an .fqa document while the run goes on (POST /quickApp): a new
-- QuickApp with the next free id, loaded and started as a task. Returns
-- its device, or nil and why not.
function M.install(fqa)
  local config, why = M.fqa_document(fqa, "POST /quickApp")
  if not config then return nil, why end
  local id = model.next_id(5555)
  config.file = ("quickApp/%d"):format(id) -- its chunks are "quickApp/ID:main", ...
  local qa = M.build(config, id)
  M.load(qa, true)
  return qa.device
end

-- Builds QuickApp `config` (its id decided) into the model: its device,
-- files and environment. Returns the record.
function M.build(config, id, state, full_lua)
  if not model.is_known_type(config.type) then
    error(("%s: header 'type' expects a known device type (e.g. com.fibaro.binarySwitch), got '%s'")
      :format(config.type_where or config.file, config.type), 0)
  end
  local qa = { id = id, name = config.name, file = config.file, full_lua = full_lua or config.full_lua,
    chunk_names = {}, waiting = {} }
  local properties = { manufacturer = config.manufacturer, model = config.model, uid = config.uid,
    deviceRole = config.role, userDescription = config.description, quickAppVariables = variables(config, state, id) }
  local interfaces = { "quickApp" }
  if config.interfaces then
    local list = literal(config.interfaces, "interfaces")
    if type(list) ~= "table" then error(("%s: header 'interfaces' expects a table of names"):format(config.interfaces.where), 0) end
    for _, name in ipairs(list) do interfaces[#interfaces + 1] = name end
  end
  for _, name in ipairs(type(config.interfaces_list) == "table" and config.interfaces_list or {}) do
    if name ~= "quickApp" then interfaces[#interfaces + 1] = name end
  end
  qa.device = model.create_device({ id = id, name = config.name, type = config.type, properties = properties,
    interfaces = interfaces })
  local rows = {}
  for i, u in ipairs(config.ui or {}) do
    rows[i] = literal(u, "u")
    add_view(rows[i], qa.device)
  end
  -- the HC3's own forms of the UI: its callbacks and its layout in rows (the page draws them)
  if #rows > 0 then
    local p = qa.device.properties
    p.uiCallbacks, p.viewLayout, p.uiView = ui_layout.compile(rows)
  end
  if type(config.ui_callbacks) == "table" then qa.device.properties.uiCallbacks = model.copy(config.ui_callbacks) end
  if type(config.ui_view) == "table" then qa.device.properties.uiView = model.copy(config.ui_view) end

  if config.fqa_files then
    qa.files = config.fqa_files
    for _, f in ipairs(qa.files) do qa.chunk_names[f.name] = ("@%s:%s"):format(config.file, f.name) end
  else
    qa.files = { { name = "main", type = "lua", isMain = true, isOpen = false, content = read_text(config.file) } }
    qa.chunk_names.main = "@" .. config.file
    for _, file in ipairs(config.files or {}) do
      local path = find_file(file, config.file)
      qa.files[#qa.files + 1] = { name = file.name, type = "lua", isMain = false, isOpen = false, content = read_text(path) }
      qa.chunk_names[file.name] = "@" .. path
    end
  end
  model.files[id] = qa.files
  new_environment(qa)
  -- an error in its code is reported with its tag
  for _, chunk_name in pairs(qa.chunk_names) do tasks.own(chunk_name, environment.tag_of(qa)) end
  model.quickapps[id] = qa
  return qa
end

-- The QuickApp's chunks in running order: its other files in header
-- order, then main (or only the others, with `without_main`).
function M.chunks(qa, without_main)
  local list, main = {}, nil
  for _, f in ipairs(qa.files) do
    if f.isMain then main = f else list[#list + 1] = f end
  end
  if main and not without_main then list[#list + 1] = main end
  local chunks = {}
  for i, f in ipairs(list) do
    local chunk, err = load(f.content, qa.chunk_names[f.name] or ("=" .. f.name), "t", qa.env)
    if not chunk then error(err, 0) end
    chunks[i] = chunk
  end
  return chunks
end

-- After its files ran: a QuickApp whose code defined QuickApp:onInit gets
-- its quickApp, created on the loop as the controller would (an error in
-- it is reported against the line that defines onInit).
-- Actions called before then wait in qa.waiting and run after onInit.
local function started(qa)
  local waiting = qa.waiting or {}
  qa.waiting = nil
  for _, run in ipairs(waiting) do tasks.post(run, "action") end
end

function M.start(qa)
  local cls = qa.env.QuickApp
  local on_init = rawget(cls, "onInit")
  if type(on_init) ~= "function" then return started(qa) end
  tasks.post(function()
    rawset(qa.env, "quickApp", cls(qa.device))
  end, "onInit", on_init)
  -- next in line, also when onInit fails or waits (its object exists by then)
  tasks.post(function() started(qa) end, "action")
end

-- Runs a QuickApp's files as a task of its own (then starts it, with
-- `and_start`): an error in them is reported and the other QuickApps go on.
function M.load(qa, and_start)
  tasks.post(function()
    for _, chunk in ipairs(M.chunks(qa)) do chunk() end
    if and_start then M.start(qa) end
  end, "action")
end

-- Stops what QuickApp `qa` runs: the timers its files made, its
-- subscriptions and its objects (its devices and variables stay).
function M.stop(qa)
  local mine = {}
  for _, name in pairs(qa.chunk_names) do mine[name:sub(2)] = true end
  for _, timer in ipairs(_PY.pending()) do
    if mine[(timer.origin or ""):match("^(.*):%d+$") or ""] then
      if timer.kind == "interval" then clearInterval(timer.id) else clearTimeout(timer.id) end
    end
  end
  require("plua.fibaro.refresh_states").stop_all(qa.env)
  for device_id in pairs(model.objects) do
    local owner = model.quickapp_of(device_id)
    if owner == qa then model.objects[device_id] = nil end
  end
end

-- plugin.restart / POST /plugins/restart: the QuickApp starts again in
-- place, as on the box: its timers (those its files made) and
-- subscriptions end, its objects go, and its files (as
-- /quickApp/{id}/files holds them now) run again in a fresh environment,
-- then onInit on a new QuickApp object. Devices, variables and storage stay.
function M.restart(id)
  local qa = model.quickapps[id]
  if not qa then args.raise(("plugin.restart: device %d is not a QuickApp"):format(id)) end
  log.line("INFO", "PLUA", ("restarting QuickApp %d"):format(id))
  M.stop(qa)
  new_environment(qa)
  qa.waiting = {}
  M.load(qa, true)
end
require("plua.fibaro.api.plugins").restart = M.restart

-- For the tools that pack a QuickApp from its headers (plua.fibaro.fqa).
M.literal, M.find_file, M.read_text, M.variables = literal, find_file, read_text, variables

return M
