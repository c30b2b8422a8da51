-- require("plua.fibaro"): the offline Fibaro HC3 emulation (../shared/spec/fibaro.md).
-- C++ (stdlib/fibaro/boot) checks the headers and calls setup(config)
-- before any chunk runs; the boot task then runs run_files() (the main
-- QuickApp's `file` headers), the main script (in environment(), its own)
-- and start(), which creates the QuickApp and loads and starts the others
-- given on the command line (plua --fibaro a.lua b.lua c.fqa).
local clock = require("plua.fibaro.clock")
local log = require("plua.fibaro.log")
local model = require("plua.fibaro.model")
local class = require("plua.fibaro.class")
local quickapp = require("plua.fibaro.quickapp")
local hub = require("plua.fibaro.hub")
local api = require("plua.fibaro.api")
local json = require("json")
local args = require("plua.args")
local quickapps = require("plua.fibaro.quickapps")
local tasks = require("plua.fibaro.tasks")
local online = require("plua.fibaro.online")

local M = {}
local main, others = nil, {}
local main_config

-- What every QuickApp shares: the controller's API and the libraries.
local function install_shared()
  _G.class = class.class
  _G.QuickAppBase, _G.QuickApp, _G.QuickAppChild = quickapp.QuickAppBase, quickapp.QuickApp, quickapp.QuickAppChild
  _G.fibaro, _G.hub, _G.api, _G.json = hub, hub, api, json
  -- the box's older spelling of json.initArray
  if json.util == nil then json.util = { InitArray = json.initArray } end
  local net = {}
  for name, value in pairs(require("plua.net")) do net[name] = value end
  for _, name in ipairs({ "TCPSocket", "UDPSocket" }) do
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
  _G.RefreshStateSubscriber = require("plua.fibaro.refresh_states")
end

-- Ids: the `id` headers first (two alike is an error naming both files),
-- then 5555, 5556, ... for the others in command-line order.
local function assign_ids(configs)
  local taken, ids = {}, {}
  for i, c in ipairs(configs) do
    local id = math.tointeger(c.id)
    if id then
      if taken[id] then
        error(("%s and %s both have id %d"):format(configs[taken[id]].file, c.file, id), 0)
      end
      taken[id], ids[i] = i, id
    end
  end
  local next_id = 5555
  for i in ipairs(configs) do
    if not ids[i] then
      while taken[next_id] do next_id = next_id + 1 end
      taken[next_id], ids[i] = i, next_id
    end
  end
  return ids
end

-- The controller every QuickApp of the run shares, once: its clock,
-- location, own device (id 1) and the globals. `settings` are the main
-- QuickApp's headers (time, speed, latitude, longitude) or a test's.
local prepared = false
function M.prepare(settings)
  if prepared then return end
  prepared = true
  log.color = settings.color or false
  if settings.time and not settings.env_time then clock.pin(settings.time, "header 'time'") end
  if settings.speed then clock.run_virtual(settings.speed) end
  model.latitude, model.longitude = settings.latitude or model.latitude, settings.longitude or model.longitude
  model.add_controller()
  install_shared()
end

-- Ids for QuickApps installed later (the test helper): `wanted` if free,
-- else the next free one from 5555; an id taken is an error naming `file`.
function M.take_id(wanted, file)
  local id = math.tointeger(wanted)
  if id and model.devices[id] then
    error(("%s: id %d is taken (device '%s')"):format(file, id, tostring(model.devices[id].name)), 0)
  end
  return id or model.next_id(5555)
end

-- --%%save:FILE.fqa (PLua's): the QuickApp is packed there as it starts,
-- ready to install; a file that cannot be written is a warning.
local function save_fqa(config)
  if not config.save or config.fqa then return end
  local fqa = require("plua.fibaro.fqa")
  local doc, err = fqa.pack(config.file)
  local ok = doc ~= nil
  if ok then ok, err = fqa.write(config.save, doc) end
  if not ok then
    return log.line("WARNING", "PLUA", ("header 'save': %s not written: %s"):format(config.save, err))
  end
  log.line("INFO", "PLUA", ("saved %s as %s"):format(config.file, config.save))
end

function M.setup(config)
  M.prepare(config)
  save_fqa(config)
  local state = config.state and model.load(config.state)
  if config.fqa then -- plua --fibaro app.fqa: the document is the main QuickApp
    for key, value in pairs(quickapps.fqa_config(config.fqa)) do config[key] = value end
  end
  local configs = { config }
  for _, other in ipairs(config.others or {}) do
    configs[#configs + 1] = other.fqa and quickapps.fqa_config(other.fqa) or other
  end
  local ids = assign_ids(configs)
  model.main_id = ids[1]
  if config.debug then model.trace = function(text) log.line("INFO", "PLUA", text) end end
  online.setup(config)
  for i, c in ipairs(configs) do
    local qa = quickapps.build(c, ids[i], state)
    if i == 1 then main, main_config = qa, c else others[#others + 1] = qa end
    if model.trace then
      model.trace(("device %d '%s' (%s) created %s"):format(qa.id, qa.name, c.type, online.enabled and "locally" or "offline"))
    end
  end
  model.restore_children(state)
  -- the main QuickApp's `file` headers are loaded (checked) now, as before
  main.header_chunks = quickapps.chunks(main, not config.fqa)
end

-- The main QuickApp's environment (the main script's _ENV).
function M.environment() return main.env end

-- The `file` headers' chunks, in header order, before the main file.
function M.run_files()
  -- --%%proxy:NAME: installed on the HC3 before the QuickApp starts
  if main_config.proxy then require("plua.fibaro.proxy").install(main, main_config) end
  for _, chunk in ipairs(main.header_chunks) do chunk() end
end

-- After the main file: the other QuickApps' files load, each as a task
-- of its own (an error in one is reported and the others go on); then the
-- onInits run in command-line order, so that every QuickApp is there
-- before any of them starts calling the others.
function M.start()
  if #others == 0 then return quickapps.start(main) end
  for _, qa in ipairs(others) do quickapps.load(qa) end
  tasks.post(function()
    quickapps.start(main)
    for _, qa in ipairs(others) do quickapps.start(qa) end
  end, "action")
end

return M
