--%%name:Matrix
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%id:300
--%%time:2026-11-23 12:00:00
--%%var:v1="x"
--%%u:{button='b1',text='B',onReleased='pressed'}
-- Every function of the emulation's surface with missing arguments, wrong
-- types, NaN, huge and negative numbers and empty strings, through pcall.
-- Each call prints `call -> results` or `call !! message`; a message is
-- expected to name the function and the problem and to be blamed on a
-- line of this script (that position is stripped). A message blamed
-- anywhere else (inside the emulation) shows `@position`, one without a
-- position shows `@-`.

-- Functions print as "function" (their addresses change from run to run).
debug.setmetatable(print, { __tostring = function() return "function" end })

local fn = function() end
local BAD = { n = 13, nil, true, {}, fn, "abc", "", 0 / 0, 1e308, math.maxinteger, math.huge, -math.huge, -1, 2.5 }
local out = io.stdout
local calls = 0
local T0 = os.time() -- times near the start print as <time> (the clock runs on)

local function show(v, depth)
  local t = type(v)
  if t == "string" then return (("%q"):format(v):gsub("\\\n", "\\n")) end
  if t == "number" then
    if v ~= v then return "nan" end
    if math.type(v) == "integer" and math.abs(v - T0) < 3600 then return "<time>" end
    return math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 1e15 and ("%.1f"):format(v) or tostring(v)
  end
  if v == json.null then return "json.null" end
  -- QuickApp objects are userdata, as on the HC3
  if t == "userdata" and math.type(v.id) == "integer" then return "<object " .. v.id .. ">" end
  if t ~= "table" then return t == "boolean" and tostring(v) or t end
  depth = depth or 0
  if depth > 2 then return "{...}" end
  local keys, n = {}, #v
  for k in pairs(v) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b)
    if type(a) ~= type(b) then return type(a) < type(b) end
    if type(a) == "number" or type(a) == "string" then return a < b end
    return false
  end)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = show(v[i], depth + 1) end
  for _, k in ipairs(keys) do
    -- creation and modification times follow the running clock
    local value = show(v[k], depth + 1)
    parts[#parts + 1] = (type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. show(k) .. "]") .. "=" .. value
  end
  local text = "{" .. table.concat(parts, ",") .. "}"
  if #text > 150 then text = text:sub(1, 140) .. "...}" end
  return text
end

local function show_list(t, from)
  local parts = {}
  for i = from or 1, t.n do parts[#parts + 1] = show(t[i]) end
  return table.concat(parts, ", ")
end

local SELF = debug.getinfo(1, "S").short_src:gsub("%p", "%%%0")

local function try(label, f, args)
  calls = calls + 1
  local ok, r = pcall(function() local r = table.pack(f(table.unpack(args, 1, args.n))) return r end)
  if ok then
    out:write(label, " -> ", r.n == 0 and "(nothing)" or show_list(r), "\n")
    return r
  end
  if type(r) ~= "string" then
    out:write(label, " !! (error value) ", show(r), "\n")
    return
  end
  local at, rest = r:match("^([^ ]+:%d+): (.*)$")
  if at and at:match("^" .. SELF .. ":") then
    out:write(label, " !! ", rest, "\n")
  elseif at then
    out:write(label, " !! @", at, " ", rest, "\n")
  else
    out:write(label, " !! @- ", r, "\n")
  end
end

local function pack(...) return table.pack(...) end

-- The call with no arguments, then each argument position in turn takes
-- each bad value while the others keep their good values. `self` (if any)
-- is passed first and not shown.
local function matrix(label, f, self, good)
  local function run(args)
    local full = args
    if self ~= nil then
      full = { n = args.n + 1, self }
      for i = 1, args.n do full[i + 1] = args[i] end
    end
    try(label .. "(" .. show_list(args) .. ")", f, full)
  end
  run({ n = 0 })
  for i = 1, good.n do
    for b = 1, BAD.n do
      local args = { n = good.n }
      for j = 1, good.n do args[j] = good[j] end
      args[i] = BAD[b]
      run(args)
    end
  end
end

-- Argument `at` (a table) with each of `fields` in turn set to each bad value.
local function fields(label, f, self, good, at, names)
  for _, name in ipairs(names) do
    for b = 1, BAD.n do
      local args = { n = good.n }
      for j = 1, good.n do args[j] = good[j] end
      local t = {}
      for k, v in pairs(good[at]) do t[k] = v end
      t[name] = BAD[b]
      args[at] = t
      if self ~= nil then
        table.insert(args, 1, self)
        args.n = args.n + 1
      end
      try(("%s arg %d .%s=%s"):format(label, at, tostring(name), show(BAD[b])), f, args)
    end
  end
end

local function section(name) out:write("---- ", name, "\n") end

-- The QuickAppBase methods, on the main device and on a child.
local function base_methods(obj, who)
  local function m(name, ...) matrix(who .. ":" .. name, obj[name], obj, pack(...)) end
  for _, level in ipairs({ "debug", "trace", "warning", "error" }) do m(level, "msg") end
  m("updateProperty", "value", 1)
  m("updateView", "lbl", "text", "hi")
  m("setVariable", "v1", "y")
  m("getVariable", "v1")
  m("internalStorageSet", "k", "v", false)
  m("internalStorageGet", "k")
  m("internalStorageRemove", "k")
  m("internalStorageClear", nil)
  m("setName", "Matrix")
  m("setEnabled", true)
  m("setVisible", true)
  m("hasInterface", "quickApp")
  m("addInterfaces", { "power" })
  fields(who .. ":addInterfaces", obj.addInterfaces, obj, pack({ "power" }), 1, { 1 })
  m("deleteInterfaces", { "power" })
  fields(who .. ":deleteInterfaces", obj.deleteInterfaces, obj, pack({ "power" }), 1, { 1 })
  m("callAction", "ping", 1)
  m("registerUICallback", "b1", "onReleased", "pressed")
  fields(who .. ":updateProperty", obj.updateProperty, obj, pack("quickAppVariables", { { name = "v1", value = 1 } }), 2,
    { 1 })
  -- self.method(...) for self:method(...): the first argument becomes self.
  for _, name in ipairs({ "updateProperty", "updateView", "setVariable", "getVariable", "internalStorageSet",
    "internalStorageGet", "internalStorageRemove", "internalStorageClear", "setName", "setEnabled", "setVisible",
    "hasInterface", "addInterfaces", "deleteInterfaces", "callAction", "registerUICallback" }) do
    try(who .. "." .. name .. '("value")', obj[name], pack("value"))
    try(who .. "." .. name .. "({})", obj[name], pack({}))
  end
end

function QuickApp:onInit()
  local kid = self:createChildDevice({ name = "Kid", type = "com.fibaro.binarySwitch" })
  local spare = self:createChildDevice({ name = "Spare", type = "com.fibaro.binarySwitch" })

  -- First, while nothing else is queued: fibaro.sleep yields to the loop.
  section("fibaro.sleep")
  matrix("fibaro.sleep", fibaro.sleep, nil, pack(1))

  section("QuickApp methods")
  base_methods(self, "self")
  matrix("self:createChildDevice", self.createChildDevice, self,
    pack({ name = "C", type = "com.fibaro.binarySwitch" }, nil))
  fields("self:createChildDevice", self.createChildDevice, self, pack({ name = "C", type = "com.fibaro.binarySwitch" }), 1,
    { "name", "type", "initialProperties", "initialInterfaces" })
  fields("self:createChildDevice initialProperties", function(s, p)
    return s:createChildDevice({ name = "C", type = "com.fibaro.binarySwitch", initialProperties = p })
  end, self, pack({}), 1, { "value", "quickAppVariables" })
  class "NotAChild"
  try("self:createChildDevice(spec, NotAChild)", self.createChildDevice,
    pack(self, { name = "C", type = "com.fibaro.binarySwitch" }, NotAChild))
  class "NotAChildEither"(QuickApp)
  try("self:createChildDevice(spec, NotAChildEither)", self.createChildDevice,
    pack(self, { name = "C", type = "com.fibaro.binarySwitch" }, NotAChildEither))
  matrix("self:initChildDevices", self.initChildDevices, self, pack({}))
  fields("self:initChildDevices", self.initChildDevices, self, pack({}), 1, { "com.fibaro.binarySwitch" })
  matrix("self:removeChildDevice", self.removeChildDevice, self, pack(spare.id))
  try("self:removeChildDevice(self.id)", self.removeChildDevice, pack(self, self.id))
  try("self:removeChildDevice(1)", self.removeChildDevice, pack(self, 1))
  try("self:removeChildDevice(spare.id)", self.removeChildDevice, pack(self, spare.id))
  try("self:removeChildDevice(spare.id) again", self.removeChildDevice, pack(self, spare.id))
  try("spare:getVariable('x') after removal", spare.getVariable, pack(spare, "x"))
  try("spare:updateProperty('value', 1) after removal", spare.updateProperty, pack(spare, "value", 1))
  try("self:setName('Matrix')", self.setName, pack(self, "Matrix"))

  section("QuickAppChild methods")
  base_methods(kid, "kid")

  section("fibaro logging")
  for _, level in ipairs({ "debug", "trace", "warning", "error" }) do
    matrix("fibaro." .. level, fibaro[level], nil, pack("Tag", "msg"))
  end

  section("fibaro devices")
  matrix("fibaro.call", fibaro.call, nil, pack(self.id, "ping", 1))
  fields("fibaro.call", fibaro.call, nil, pack({ self.id }, "ping"), 1, { 1 })
  matrix("fibaro.get", fibaro.get, nil, pack(self.id, "value"))
  matrix("fibaro.getValue", fibaro.getValue, nil, pack(self.id, "value"))
  for _, name in ipairs({ "getType", "getName", "getRoomID", "getSectionID", "getRoomNameByDeviceID" }) do
    matrix("fibaro." .. name, fibaro[name], nil, pack(self.id))
  end
  matrix("fibaro.getRoomName", fibaro.getRoomName, nil, pack(219))
  matrix("fibaro.getDevicesID", fibaro.getDevicesID, nil, pack({ type = "com.fibaro.binarySwitch" }))
  fields("fibaro.getDevicesID", fibaro.getDevicesID, nil, pack({}), 1, { "type", "name", "properties", "interfaces" })
  matrix("fibaro.getIds", fibaro.getIds, nil, pack({ { id = 1 } }))
  fields("fibaro.getIds", fibaro.getIds, nil, pack({}), 1, { 1 })

  section("fibaro globals and events")
  matrix("fibaro.getGlobalVariable", fibaro.getGlobalVariable, nil, pack("G"))
  matrix("fibaro.setGlobalVariable", fibaro.setGlobalVariable, nil, pack("G", "v"))
  try('fibaro.getGlobalVariable("G")', function() return (fibaro.getGlobalVariable("G")) end, pack())
  matrix("fibaro.emitCustomEvent", fibaro.emitCustomEvent, nil, pack("E"))

  section("fibaro timers")
  matrix("fibaro.setTimeout", fibaro.setTimeout, nil, pack(10, fn))
  matrix("fibaro.clearTimeout", fibaro.clearTimeout, nil, pack(1))
  matrix("fibaro.setInterval", fibaro.setInterval, nil, pack(10, fn))
  matrix("fibaro.clearInterval", fibaro.clearInterval, nil, pack(1))

  section("fibaro: not supported offline")
  for _, name in ipairs({ "alarm", "alert", "getPartition", "getPartitions", "getPartitionArmState",
    "getHomeArmState", "isHomeBreached", "isPartitionBreached", "scene", "profile", "wakeUpDeadDevice",
    "callGroupAction" }) do
    try("fibaro." .. name .. "(1)", fibaro[name], pack(1))
  end

  section("api")
  matrix("api.get", api.get, nil, pack("/devices/" .. self.id .. "/action/ping"))
  matrix("api.delete", api.delete, nil, pack("/globalVariables/A"))
  matrix("api.post", api.post, nil, pack("/globalVariables", { name = "A", value = "1" }))
  fields("api.post /globalVariables", api.post, nil, pack("/globalVariables", { name = "B", value = "1" }), 2,
    { "name", "value" })
  matrix("api.put", api.put, nil, pack("/globalVariables/G", { value = "w" }))
  local device = "/devices/" .. self.id
  fields("api.put " .. device, api.put, nil, pack(device, { name = "Matrix" }), 2,
    { "name", "enabled", "visible", "roomID", "properties" })
  fields("api.put " .. device .. " properties", function(path, p) return api.put(path, { properties = p }) end, nil,
    pack(device, {}), 2, { "value", "quickAppVariables" })
  fields("api.post /plugins/updateProperty", api.post, nil,
    pack("/plugins/updateProperty", { deviceId = self.id, propertyName = "value", value = 1 }), 2,
    { "deviceId", "propertyName", "value" })
  fields("api.post /plugins/callUIEvent", api.post, nil,
    pack("/plugins/callUIEvent", { deviceID = self.id, elementName = "b1", eventType = "onReleased" }), 2,
    { "deviceID", "elementName", "eventType", "values" })
  fields("api.post /customEvents", api.post, nil, pack("/customEvents", { name = "CE" }), 2,
    { "name", "userDescription" })
  fields("api.post " .. device .. "/action/ping", api.post, nil, pack(device .. "/action/ping", { args = { 1 } }), 2,
    { "args" })
  for _, text in ipairs({ "42", "null", '"x"', "[1]", "{", "", "true" }) do
    try("api.post /globalVariables " .. show(text), api.post, pack("/globalVariables", text))
    try("api.put " .. device .. " " .. show(text), api.put, pack(device, text))
  end
  for _, path in ipairs({ "/plugins/getView", "/plugins/callUIEvent", "/refreshStates?last=abc",
    "/devices?properties=x", "/devices?interfaces=quickApp", "/devices?parentId=" .. self.id, "/rooms/nan",
    "/devices/99999999999999999999", "/../devices", "/devices/%", "/devices/é" }) do
    local r = try("api.get " .. show(path), function(p)
      local data, status = api.get(p)
      return type(data) == "table" and #data or data, status
    end, pack(path))
  end

  section("class")
  matrix("class", class, nil, pack("MatrixA"))
  matrix('class "MatrixB"', function(base) return class("MatrixB")(base) end, nil, pack(QuickAppChild))

  section("json")
  -- (C functions are called as a script would, so that their messages name them as they would)
  matrix("json.encode", function(...) local r = json.encode(...) return r end, nil, pack({ 1 }))
  matrix("json.decode", function(...) local r = json.decode(...) return r end, nil, pack("[1]"))

  section("net (argument checks only: every call has a bad argument)")
  matrix("net.HTTPClient", function(...) local r = net.HTTPClient(...) return r end, nil, pack({}))
  local http = net.HTTPClient()
  local url = "http://127.0.0.1:1/" -- never reached: each request below is refused
  local function request(...) local r = http:request(...) return r end
  for b = 1, BAD.n do
    if type(BAD[b]) ~= "string" then try("http:request(" .. show(BAD[b]) .. ", {})", request, pack(BAD[b], {})) end
  end
  for b = 1, BAD.n do
    if BAD[b] ~= nil and type(BAD[b]) ~= "table" then
      try("http:request(url, " .. show(BAD[b]) .. ")", request, pack(url, BAD[b]))
    end
  end
  for _, case in ipairs({
    { "options", 5 }, { "options", "x" }, { "success", 5 }, { "error", "x" },
    { "options", { method = 5 } }, { "options", { method = "NOT A METHOD" } }, { "options", { method = "" } },
    { "options", { headers = 5 } }, { "options", { headers = { "x" } } }, { "options", { headers = { ["bad name"] = "x" } } },
    { "options", { headers = { X = {} } } }, { "options", { headers = { X = "a\nb" } } }, { "options", { data = 5 } },
    { "options", { data = {} } }, { "options", { timeout = "x" } }, { "options", { timeout = 0 } }, { "options", { timeout = 0 / 0 } },
    { "options", { timeout = -1 } }, { "options", { checkCertificate = "yes" } },
  }) do
    try("http:request(url, {" .. case[1] .. "=" .. show(case[2]) .. "})", request, pack(url, { [case[1]] = case[2] }))
  end
  try("http.request(url, {})", function(...) local r = http.request(...) return r end, pack(url, {}))
  for _, name in ipairs({ "TCPSocket", "UDPSocket", "WebSocketClient", "WebSocketClientTls" }) do
    try("net." .. name .. "()", net[name], pack())
  end

  section("plugin")
  matrix("plugin.getDevice", plugin.getDevice, nil, pack(self.id))
  matrix("plugin.getProperty", plugin.getProperty, nil, pack(self.id, "value"))
  matrix("plugin.getChildDevices", plugin.getChildDevices, nil, pack(self.id))
  matrix("plugin.deleteDevice", plugin.deleteDevice, nil, pack(7777))
  try("plugin.restart(7777)", plugin.restart, pack(7777))

  -- What the calls above left behind: no timer keeps the process alive.
  for id = 1, 2000 do clearTimeout(id) end
  section("state after the matrix")
  out:write("devices ", show(fibaro.getDevicesID()), "\n")
  out:write("variables ", show(api.get(device).properties.quickAppVariables), "\n")
  for _, g in ipairs(api.get("/globalVariables")) do out:write("global ", g.name, " = ", show(g.value), "\n") end
  out:write("storage ", show(self:internalStorageGet()), "\n")
  out:write("kid storage ", show(kid:internalStorageGet()), "\n")
  out:write("calls ", calls, "\n")
  section("queued actions and UI events")
end

function QuickApp:ping(...) self:debug("ping", ...) end
function QuickApp:pressed(event) self:debug("pressed", event.elementName, event.eventType, event.values) end
function QuickAppChild:ping(...) self:debug("child ping", ...) end
