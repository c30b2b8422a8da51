-- --%%proxy:NAME: a small QuickApp on the real HC3 that stands for the one
-- running in plua. It has the same type, interfaces and UI; its code sends
-- every action and UI event it gets to plua's API server (stdlib/web:
-- POST /api/devices/ID/action/NAME, POST /api/plugins/callUIEvent), at the
-- address --%%proxy_url names (else the server's own address, which the
-- HC3 can reach only when it is not 127.0.0.1). What plua's QuickApp does
-- to its device (updateProperty, updateView) is mirrored on the proxy, in
-- order, by one worker task. Its children get children of the proxy that
-- stand for them the same way.
local model = require("plua.fibaro.model")
local online = require("plua.fibaro.online")
local log = require("plua.fibaro.log")
local tasks = require("plua.fibaro.tasks")
local json = require("json")

local M = {}

-- The proxy's code, run by the HC3. URL and TARGET are filled in.
local code = [[
-- plua proxy: this QuickApp's actions and UI events go to plua, where the
-- QuickApp under development runs (plua -t downloadQA does not need it).
-- Its children stand for plua's children: plua says which is which
-- (action pluaChildren, kept in the variable of that name).
local URL, TARGET = %q, %d
local MAIN, CHILDREN = nil, {}
local http = net.HTTPClient({ timeout = 5000 })
local function forward(path, data)
  http:request(URL .. path, {
    options = { method = "POST", headers = { ["Content-Type"] = "application/json" }, data = json.encode(data) },
    success = function(r)
      if r.status >= 300 then quickApp:warning("plua answered " .. r.status .. " to " .. path) end
    end,
    error = function(err) quickApp:warning("plua at " .. URL .. " cannot be reached: " .. tostring(err)) end,
  })
end
local function learn(text)
  local ok, map = pcall(json.decode, text or "")
  if ok and type(map) == "table" then CHILDREN = map end
end
-- plua's device for this one or one of its children (nil: not plua's)
local function target_of(self, id)
  if id == nil or id == MAIN then return TARGET end
  local target = CHILDREN[tostring(id)]
  if not target then self:warning("device " .. tostring(id) .. " has no device in plua") end
  return target
end
function QuickApp:onInit()
  MAIN = self.id
  learn(self:getVariable("pluaChildren"))
  self:initChildDevices({})
  self:debug("proxy of plua's QuickApp " .. TARGET .. " at " .. URL)
end
function QuickApp:actionHandler(action)
  local args = action.args or {}
  if action.actionName == "pluaChildren" and (action.deviceId == nil or action.deviceId == MAIN) then
    self:setVariable("pluaChildren", args[1])
    learn(args[1])
    return self:initChildDevices({})
  end
  local target = target_of(self, action.deviceId)
  if not target then return end
  if action.actionName == "UIAction" then
    return forward("/api/plugins/callUIEvent", { deviceID = target, eventType = args[1], elementName = args[2],
      values = { args[3] } })
  end
  forward("/api/devices/" .. target .. "/action/" .. action.actionName, { args = args })
end
-- the box gives this every UI event, its children's too
function QuickApp:UIHandler(event)
  local target = target_of(self, event.deviceId)
  if target then
    forward("/api/plugins/callUIEvent", { deviceID = target, eventType = event.eventType,
      elementName = event.elementName, values = event.values or {} })
  end
end
]]

local function warn(text) log.line("WARNING", "PLUA", text) end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return ("%%%02X"):format(c:byte()) end))
end

-- The UI the proxy shows: the QuickApp's own, from its `u` headers (or
-- its .fqa's initial properties); its interfaces: the device's.
local function ui_of(qa, config)
  local interfaces = {}
  for _, name in ipairs(qa.device.interfaces or {}) do interfaces[#interfaces + 1] = name end
  if config.fqa then
    local f = io.open(config.fqa, "rb")
    local ok, doc = pcall(json.decode, f and f:read("a") or "")
    if f then f:close() end
    return ok and type(doc) == "table" and type(doc.initialProperties) == "table" and doc.initialProperties or {},
      interfaces
  end
  local ok, rows = pcall(function()
    local list = {}
    for i, u in ipairs(config.ui or {}) do list[i] = require("plua.fibaro.quickapps").literal(u, "u") end
    return list
  end)
  if not ok then
    warn("proxy: " .. tostring(rows))
    rows = {}
  end
  local callbacks, layout, view = require("plua.fibaro.ui_layout").compile(rows)
  return { uiCallbacks = callbacks, viewLayout = layout, uiView = view }, interfaces
end

-- One worker does the HC3's side of what plua's QuickApp does, in the
-- order it was done: each job is a function that may wait for the HC3.
-- When the children changed, the proxy is told which is which last.
local queue, busy, children_changed = {}, false, nil
local function later(job)
  queue[#queue + 1] = job
  if busy then return end
  busy = true
  tasks.post(function()
    repeat
      while #queue > 0 do table.remove(queue, 1)() end
      if children_changed then
        local tell = children_changed
        children_changed = nil
        tell()
      end
    until #queue == 0
    busy = false
  end, "action")
end

-- The QuickApp's devices (itself, its children) and their stand-ins on
-- the HC3: the proxy and its children. A child of plua's QuickApp takes a
-- child of the proxy of the same name and type left from an earlier run,
-- else a new one is made; removing it in plua removes it on the HC3.
local function mirror(local_id, proxy_id, spare)
  local remote = { [local_id] = proxy_id }
  local function tell()
    local map = {}
    for id, r in pairs(remote) do
      if id ~= local_id then map[tostring(r)] = id end
    end
    online.request("POST", ("/devices/%d/action/pluaChildren"):format(proxy_id), { args = { json.encode(map) } })
  end
  -- `device` as it was made: a child removed meanwhile is still made (or
  -- taken) first, so that its removal reaches the HC3 too.
  local function adopt(id, device)
    if remote[id] then return end
    for i, s in ipairs(spare) do
      if s.name == device.name and s.type == device.type then
        remote[id] = table.remove(spare, i).id
        children_changed = tell
        return
      end
    end
    local interfaces, p = {}, device.properties
    for _, name in ipairs(device.interfaces or {}) do
      if name ~= "quickAppChild" and name ~= "quickApp" then interfaces[#interfaces + 1] = name end
    end
    local made = online.request("POST", "/plugins/createChildDevice", { parentId = proxy_id, name = device.name,
      type = device.type, initialInterfaces = interfaces,
      initialProperties = { uiView = p.uiView, uiCallbacks = p.uiCallbacks, viewLayout = p.viewLayout } })
    remote[id] = type(made) == "table" and math.tointeger(made.id) or nil
    if not remote[id] then
      return warn(("proxy: child %d '%s' could not be made on the HC3: it has no stand-in there"):format(id, device.name))
    end
    children_changed = tell
  end
  local function drop(id)
    local r = remote[id]
    if not r then return end
    remote[id] = nil
    online.request("DELETE", "/plugins/removeChildDevice/" .. r)
    children_changed = tell
  end
  local children = {} -- plua's children of the QuickApp, made or queued
  local function update(id, path, data)
    if not (id == local_id or children[id]) then return end
    later(function()
      if remote[id] then
        data.deviceId = remote[id]
        online.request("POST", path, data)
      end
    end)
  end
  local function child_made(id, device)
    children[id] = true
    later(function() adopt(id, device) end)
  end
  for _, id in ipairs(model.device_ids()) do
    local device = model.devices[id]
    if device.parentId == local_id then child_made(id, device) end
  end
  model.on_emit[#model.on_emit + 1] = function(event)
    local d = event.data
    if event.type == "DevicePropertyUpdatedEvent" then
      update(d.id, "/plugins/updateProperty", { propertyName = d.property, value = d.newValue })
    elseif event.type == "PluginChangedViewEvent" then
      update(d.deviceId, "/plugins/updateView", { componentName = d.elementName, propertyName = d.propertyName,
        newValue = d.newValue })
    elseif event.type == "DeviceCreatedEvent" then
      local device = model.devices[d.id]
      if device and device.parentId == local_id then child_made(d.id, device) end
    elseif event.type == "DeviceRemovedEvent" and children[d.id] then
      children[d.id] = nil
      later(function() drop(d.id) end)
    end
  end
end

-- Installs (or updates) the proxy of QuickApp `qa` (built from `config`)
-- on the HC3, then mirrors its device there. Runs in a task (it waits
-- for the HC3); a failure is said and the QuickApp runs without a proxy.
function M.install(qa, config)
  local name = config.proxy
  if not online.enabled then
    return warn(("header 'proxy' needs a real HC3 (HC3_URL, HC3_USER, HC3_PASSWORD) and online mode: no proxy '%s'")
      :format(name))
  end
  local url = config.proxy_url
  if not url then
    if not config.api_host then
      return warn("header 'proxy' needs plua's API server, which is off (--no-api, --%%api:false, PLUA_NO_API): no proxy")
    end
    local host = config.api_host
    if host == "127.0.0.1" or host == "0.0.0.0" or host == "::1" or host == "::" then
      warn(("the proxy '%s' forwards to %s:%d, which the HC3 cannot reach: give --%%%%proxy_url:http://THIS-PC:%d "
        .. "and --api-host 0.0.0.0"):format(name, host, config.api_port, config.api_port))
    end
    url = ("http://%s:%d"):format(host, config.api_port)
  end
  url = url:gsub("/+$", "")
  local props, interfaces = ui_of(qa, config)
  local content = code:format(url, qa.id)
  local main = { name = "main", type = "lua", isMain = true, isOpen = false, content = content }
  local view = { viewLayout = props.viewLayout, uiView = props.uiView, uiCallbacks = props.uiCallbacks }
  local found = online.request("GET", "/devices?interface=quickApp&name=" .. urlencode(name))
  local existing
  for _, d in ipairs(type(found) == "table" and found or {}) do
    if d.name == name then existing = d end
  end
  if existing and existing.type ~= qa.device.type then
    warn(("proxy '%s' (QuickApp %d) is a %s: replaced by a %s"):format(name, existing.id, existing.type, qa.device.type))
    online.request("DELETE", "/devices/" .. existing.id)
    existing = nil
  end
  local id
  if existing then
    id = existing.id
    local _, s1 = online.request("PUT", ("/quickApp/%d/files/main"):format(id), main)
    local _, s2 = online.request("PUT", "/devices/" .. id, { properties = view })
    if s1 >= 300 or s2 >= 300 then return warn(("proxy '%s' could not be updated on the HC3: no proxy"):format(name)) end
    -- the QuickApp's interfaces, as it has them now
    local want, have, add, remove = {}, {}, {}, {}
    for _, i in ipairs(interfaces or {}) do want[i] = true end
    for _, i in ipairs(existing.interfaces or {}) do have[i] = true end
    for i in pairs(want) do if not have[i] and i ~= "quickApp" then add[#add + 1] = i end end
    for i in pairs(have) do if not want[i] and i ~= "quickApp" then remove[#remove + 1] = i end end
    table.sort(add)
    table.sort(remove)
    if #add > 0 then online.request("POST", "/plugins/interfaces", { action = "add", deviceId = id, interfaces = add }) end
    if #remove > 0 then
      online.request("POST", "/plugins/interfaces", { action = "delete", deviceId = id, interfaces = remove })
    end
  else
    local props_of = { quickAppVariables = json.initArray({}) }
    for k, v in pairs(view) do props_of[k] = v end
    local device = online.request("POST", "/quickApp/", { name = name, type = qa.device.type, apiVersion = "1.3",
      initialInterfaces = interfaces, initialProperties = props_of, files = { main } })
    id = type(device) == "table" and math.tointeger(device.id)
    if not id then return warn(("proxy '%s' could not be installed on the HC3: no proxy"):format(name)) end
  end
  log.line("INFO", "PLUA", ("proxy '%s' is QuickApp %d on the HC3 (%s); it forwards to %s")
    :format(name, id, existing and "updated" or "installed", url))
  qa.proxy_id = id
  local kids = existing and online.request("GET", "/devices?parentId=" .. id)
  mirror(qa.id, id, type(kids) == "table" and kids or {})
  return id
end

return M
