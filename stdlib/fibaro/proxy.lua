-- --%%proxy:NAME: a small QuickApp on the real HC3 that stands for the one
-- running in plua. It has the same type, interfaces and UI; its code sends
-- every action and UI event it gets to plua's API server (stdlib/web:
-- POST /api/devices/ID/action/NAME, POST /api/plugins/callUIEvent), at the
-- address --%%proxy_url names (else the server's own address, which the
-- HC3 can reach only when it is not 127.0.0.1). What plua's QuickApp does
-- to its device (updateProperty, updateView) is mirrored on the proxy, in
-- order, by one worker task.
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
local URL, TARGET = %q, %d
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
function QuickApp:onInit() self:debug("proxy of plua's QuickApp " .. TARGET .. " at " .. URL) end
function QuickApp:actionHandler(action)
  local args = action.args or {}
  if action.actionName == "UIAction" then
    return forward("/api/plugins/callUIEvent", { deviceID = TARGET, eventType = args[1], elementName = args[2],
      values = { args[3] } })
  end
  forward("/api/devices/" .. TARGET .. "/action/" .. action.actionName, { args = args })
end
function QuickApp:UIHandler(event)
  forward("/api/plugins/callUIEvent", { deviceID = TARGET, eventType = event.eventType,
    elementName = event.elementName, values = event.values or {} })
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

-- One worker sends the mirrored changes in the order they were made.
local queue, busy = {}, false
local function send(path, data)
  queue[#queue + 1] = { path, data }
  if busy then return end
  busy = true
  tasks.post(function()
    while #queue > 0 do
      local item = table.remove(queue, 1)
      online.request("POST", item[1], item[2])
    end
    busy = false
  end, "action")
end

local function mirror(local_id, proxy_id)
  model.on_emit[#model.on_emit + 1] = function(event)
    local d = event.data
    if event.type == "DevicePropertyUpdatedEvent" and d.id == local_id then
      send("/plugins/updateProperty", { deviceId = proxy_id, propertyName = d.property, value = d.newValue })
    elseif event.type == "PluginChangedViewEvent" and d.deviceId == local_id then
      send("/plugins/updateView", { deviceId = proxy_id, componentName = d.elementName, propertyName = d.propertyName,
        newValue = d.newValue })
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
  mirror(qa.id, id)
  return id
end

return M
