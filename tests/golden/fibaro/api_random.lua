--%%name:Fuzz
--%%id:400
--%%time:2026-11-23 12:00:00
--%%u:{button='b1',text='B',onReleased='pressed'}
-- api.get/post/put/delete with random paths built from route fragments and
-- random data. Invariants: every call returns (data, status) with status
-- one of the documented ones and data a table that encodes as JSON (nil
-- for a status of 300 or more),
-- or raises a clear error, and only for a non-string path or a data
-- argument that is neither a table nor a string; the model stays
-- well-formed. The actions and UI events the calls queue run after
-- onInit, on devices whose methods exist (but for a few, on purpose).
local seed = 20261123
local function rand(n) -- a small LCG, so that the run is the same everywhere
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed >> 8) % n
end
local function pick(list) return list[1 + rand(#list)] end

local STATUSES = { [200] = true, [201] = true, [202] = true, [204] = true, [400] = true, [404] = true, [405] = true,
  [409] = true, [501] = true }
local counts = {}    -- "METHOD status" -> n
local actions = {}   -- what the queued actions and UI events did
local ids          -- device ids the paths use (set in onInit)

local function count(key) counts[key] = (counts[key] or 0) + 1 end

local function random_id()
  local r = rand(16)
  if r < 9 then return tostring(ids[1 + rand(#ids)]) end
  return pick({ "0", "-1", tostring(1000 + rand(1000)), "abc", "99999999999999999999", "1.5", "", "%31", "0x10" })
end

local ACTIONS = { "turnOn", "turnOff", "toggle", "setValue", "ping" }
local GLOBALS = { "G1", "G2", "Mode", "x y", "é" }
local EVENTS = { "E1", "E2", "Ring" }

-- A random path and the methods that route has (others get 501).
local function random_path()
  local r = rand(24)
  local path, methods
  if r < 3 then path, methods = "/devices", { "get" }
  elseif r < 6 then
    path, methods = "/devices/" .. random_id(), { "get", "put", "put", "delete" }
  elseif r < 9 then
    -- a missing action now and then: "Class does not have nope function defined"
    -- (device 1, the controller, has no QuickApp: each action on it is a WARNING line)
    local id = rand(10) == 0 and random_id() or tostring(ids[2 + rand(#ids - 1)])
    path, methods = "/devices/" .. id .. "/action/" .. (rand(60) == 0 and "nope" or pick(ACTIONS)), { "post", "get" }
  elseif r < 11 then
    if rand(2) == 0 then path, methods = "/globalVariables", { "get", "post" }
    else path, methods = "/globalVariables/" .. pick(GLOBALS), { "get", "put", "delete" } end
  elseif r < 13 then
    if rand(2) == 0 then path, methods = "/customEvents", { "get", "post" }
    else path, methods = "/customEvents/" .. pick(EVENTS), { "get", "post", "delete" } end
  elseif r < 14 then path, methods = pick({ "/rooms", "/rooms/219", "/rooms/" .. random_id() }), { "get" }
  elseif r < 15 then path, methods = pick({ "/sections", "/sections/219", "/sections/" .. random_id() }), { "get" }
  elseif r < 16 then path, methods = pick({ "/settings/info", "/settings/location", "/settings" }), { "get" }
  elseif r < 17 then
    path, methods = "/refreshStates?last=" .. pick({ "0", "5", tostring(rand(5000)), "-3", "abc", "", "1e999" }), { "get" }
  elseif r < 19 then
    path, methods = "/plugins/callUIEvent", { "get", "post" }
    if rand(2) == 0 then
      path = path .. "?deviceID=" .. random_id() .. "&elementName=" .. (rand(30) == 0 and "zz" or "b1")
        .. "&eventType=onReleased" .. (rand(2) == 0 and "&value=" .. rand(100) or "")
    end
  elseif r < 20 then
    if rand(2) == 0 then path, methods = "/plugins/updateProperty", { "post" }
    else path, methods = pick({ "/plugins/getView?id=" .. random_id(), "/plugins/getView" }), { "get" } end
  elseif r < 21 then
    path, methods = "/devices?" .. pick({ "interface=quickApp", "parentId=400", "property=[value,true]",
      "property=value", "properties=x", "interfaces=quickAppChild", "name=Fuzz", "type=com.fibaro.binarySwitch",
      "=&&=", "%zz=%", "enabled=true" }), { "get" }
  else
    path, methods = pick({ "", "/", "//devices", "/devices/../rooms", "/devices/%", "/devices/%zz", "/é/✓", "/\0",
      "/scenes", "devices", "/DEVICES", "/devices/400/action/", "/devices/400/action/a.b", "/globalVariables/a/b",
      "/customEvents/%2F", "/api", "/api/" }), { "get", "post", "put", "delete" }
  end
  if rand(8) == 0 then path = "/api" .. path end
  if rand(10) == 0 then path = path .. pick({ "/", "?", "?x=1&y", "?%", "?=", "#frag", "&", "?last=1" }) end
  return path, methods
end

local function random_value(depth)
  local r = rand(depth > 1 and 8 or 10)
  if r == 0 then return rand(2) == 0 end
  if r == 1 then return rand(2001) - 1000 end
  if r == 2 then return (rand(2001) - 1000) / 8 end
  if r == 3 then return pick({ "", "x", "on", "é✓", "{}", "line\nbreak", "1e999" }) end
  if r == 4 then return pick({ 1e308, math.maxinteger, math.mininteger, -0.0, 0 / 0, math.huge }) end
  if r == 5 then return json.null end
  if r == 6 then return pick(ACTIONS) end
  if r == 7 then return pick({ "Fuzz", "b1", "onReleased", "value" }) end
  if r == 8 then
    local t = {}
    for i = 1, rand(4) do t[i] = random_value(depth + 1) end
    return t
  end
  local t = {}
  for _ = 1, rand(3) do t[pick({ "name", "value", "x" })] = random_value(depth + 1) end
  return t
end

local FIELDS = { "name", "value", "args", "properties", "enabled", "visible", "roomID", "deviceId", "deviceID",
  "propertyName", "elementName", "eventType", "values", "userDescription", "x" }

local function random_table()
  local t = {}
  for _ = 1, rand(5) do
    local field = pick(FIELDS)
    local v = random_value(1)
    -- plausible values more often than not, so that the routes get past their checks
    if rand(2) == 0 then
      if field == "name" then v = pick({ "G1", "G2", "Mode", "E1", "Ring", "New" .. rand(50) })
      elseif field == "args" then v = { random_value(2) }
      elseif field == "deviceId" or field == "deviceID" then v = ids[1 + rand(#ids)]
      elseif field == "propertyName" then v = pick({ "value", "quickAppVariables", "dead", "x" })
      elseif field == "elementName" then v = rand(30) == 0 and "zz" or "b1"
      elseif field == "properties" then v = { [pick({ "value", "quickAppVariables", "x" })] = random_value(2) }
      elseif field == "enabled" or field == "visible" then v = rand(2) == 0
      elseif field == "roomID" then v = pick({ 219, 1, -1 })
      end
    end
    t[field] = v
  end
  return t
end

-- A body the route at `path` accepts, mostly.
local function good_data(path)
  if path:match("globalVariables$") then return { name = pick(GLOBALS), value = pick({ "a", "b", 3, true }) } end
  if path:match("globalVariables/") then return { value = pick({ "a", "b", 3, false }) } end
  if path:match("customEvents$") then return { name = pick(EVENTS), userDescription = "d" } end
  if path:match("/devices/%-?%d+$") then
    return { name = "N" .. rand(9), enabled = rand(2) == 0, properties = { value = rand(100) } }
  end
  if path:match("updateProperty") then
    return { deviceId = ids[1 + rand(#ids)], propertyName = pick({ "value", "log" }), value = rand(100) }
  end
  if path:match("callUIEvent") then return { deviceID = ids[2 + rand(#ids - 1)], elementName = "b1" } end
  return { args = { rand(10) } }
end

-- data for post/put: nil, a table, its JSON, broken JSON, or a wrong type.
local function random_data(path)
  if rand(3) == 0 then return good_data(path) end
  local r = rand(12)
  if r < 2 then return nil end
  if r < 7 then return random_table() end
  if r < 9 then
    local ok, text = pcall(json.encode, random_table())
    return ok and text or "{}"
  end
  if r < 10 then return pick({ "", "{", "[1,2]", "null", "42", '"x"', "{\"name\":", "\255", "{}x", "true" }) end
  if r < 11 then return pick({ 42, 0 / 0, true, false, print }) end
  return pick({ "{\"name\":\"G1\",\"value\":\"a\"}", "{\"value\":1}", "{\"args\":[1,2]}", "{\"deviceId\":400}" })
end

local function bad(fmt, ...)
  print("INVARIANT BROKEN: " .. fmt:format(...))
  os.exit(1)
end

function QuickApp:onInit()
  local kid1 = self:createChildDevice({ name = "Kid1", type = "com.fibaro.binarySwitch" }, Target)
  local kid2 = self:createChildDevice({ name = "Kid2", type = "com.fibaro.multilevelSwitch" }, Target)
  local reporter = self:createChildDevice({ name = "Reporter", type = "com.fibaro.binarySwitch" }, Reporter)
  ids = { 1, self.id, kid1.id, kid2.id }
  local errors, n = 0, 4000
  for i = 1, n do
    local path, methods = random_path()
    local method = rand(8) == 0 and pick({ "get", "post", "put", "delete" }) or pick(methods)
    -- devices are deleted only near the end, so that most calls find them
    if method == "delete" and i <= n - 300 and path:match("^/[%w/]*devices/%-?%d+") then method = "get" end
    if rand(200) == 0 then path = ({ 42, {}, true, print })[1 + rand(4)] end
    if rand(400) == 0 then path = nil end
    local data = (method == "post" or method == "put") and random_data(tostring(path)) or nil
    local ok, result, status = pcall(api[method], path, data)
    local clear_error = type(path) ~= "string" or (data ~= nil and type(data) ~= "table" and type(data) ~= "string")
    if not ok then
      if not clear_error then bad("call %d: api.%s(%q) raised: %s", i, method, tostring(path), tostring(result)) end
      if not tostring(result):match("^bad argument #[12] to 'api%." .. method .. "' %(") then
        bad("call %d: unclear error: %s", i, tostring(result))
      end
      errors = errors + 1
      count(method:upper() .. " error")
    else
      if clear_error then bad("call %d: api.%s(%s) did not raise", i, method, tostring(path)) end
      if math.type(status) ~= "integer" or not STATUSES[status] then
        bad("call %d: api.%s(%q): status %s", i, method, path, tostring(status))
      end
      if status >= 300 and result ~= nil then
        bad("call %d: api.%s(%q): status %d with data", i, method, path, status)
      end
      if result ~= nil and type(result) ~= "table" then
        bad("call %d: api.%s(%q): data is a %s", i, method, path, type(result))
      end
      if result ~= nil and not pcall(json.encode, result) then
        bad("call %d: api.%s(%q): data is not JSON", i, method, path)
      end
      count(method:upper() .. " " .. status)
    end
  end

  -- The model is still well-formed: every record reads back and is JSON.
  local devices, status = api.get("/devices")
  if status ~= 200 or not pcall(json.encode, devices) then bad("devices: %s", tostring(status)) end
  for _, d in ipairs(devices) do
    if type(d.name) ~= "string" or type(d.enabled) ~= "boolean" or type(d.visible) ~= "boolean"
      or math.type(d.roomID) ~= "integer" or type(d.properties) ~= "table"
      or (d.id ~= 1 and type(d.properties.quickAppVariables) ~= "table") then
      bad("device %s is malformed: %s", tostring(d.id), json.encode(d))
    end
  end
  for _, g in ipairs(api.get("/globalVariables")) do
    if type(g.value) ~= "string" then bad("global %s has a %s value", g.name, type(g.value)) end
  end
  if not pcall(json.encode, api.get("/refreshStates?last=0")) then bad("refreshStates is not JSON") end

  local keys = {}
  for key in pairs(counts) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do print(key, counts[key]) end
  local ids_left = {}
  for _, d in ipairs(devices) do ids_left[#ids_left + 1] = d.id end
  print("calls", n, "raised", errors, "devices left", table.concat(ids_left, ","))
  print("globals", #api.get("/globalVariables"), "custom events", #api.get("/customEvents"))
  -- After every action and UI event queued above (tasks run in order).
  fibaro.call(reporter.id, "report")
end

local function note(self, what) actions[what] = (actions[what] or 0) + 1 end
for _, name in ipairs(ACTIONS) do
  QuickApp[name] = function(self) note(self, "main " .. name) end
end
function QuickApp:pressed() note(self, "main pressed") end

class "Target"(QuickAppChild)
function Target:onInit() self:registerUICallback("b1", "onReleased", "pressed") end
function Target:pressed() note(self, "child pressed") end
for _, name in ipairs(ACTIONS) do
  Target[name] = function(self) note(self, "child " .. name) end
end

class "Reporter"(QuickAppChild)
function Reporter:report()
  local keys = {}
  for key in pairs(actions) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do print(key, actions[key]) end
  print("done")
end
