-- require("plua.mqtt"): the HC3's mqtt.Client (the Fibaro emulation
-- installs it as the global `mqtt`), on libmosquitto driven by plua's loop
-- (net/mqtt/mqtt_service.hpp). This half checks arguments, keeps the
-- listeners and speaks the HC3's names; plua.mqtt.native does the rest.
--
--   local client = mqtt.Client.connect("mqtt://127.0.0.1:1883", {clientId = "qa", keepAlivePeriod = 30})
--   client:addEventListener("connected", function(event) client:subscribe("a/#", {qos = 1}) end)
--   client:addEventListener("message", function(event) print(event.topic, event.payload) end)
--   local id = client:publish("a/b", "on", {qos = 1, retain = true})
--   client:disconnect()

local native = require("plua.mqtt.native")
local args = require("plua.args")

local format, type, math_type = string.format, type, math.type

local M = {}

M.QoS = { AT_MOST_ONCE = 0, AT_LEAST_ONCE = 1, EXACTLY_ONCE = 2 }

-- Event names and their bit in the native listen mask (Event::Kind order).
local kEvents = { connected = 0, closed = 1, message = 2, subscribed = 3, unsubscribed = 4, published = 5, error = 6 }

local function type_error(n, name, what, expected, value)
  args.error(n, name, format("%s must be %s, got %s", what, expected, type(value)))
end

local function opt_string(t, field, n, name)
  local v = t[field]
  if v ~= nil and type(v) ~= "string" then type_error(n, name, "options." .. field, "a string", v) end
  return v
end

local function opt_boolean(t, field, n, name)
  local v = t[field]
  if v ~= nil and type(v) ~= "boolean" then type_error(n, name, "options." .. field, "a boolean", v) end
  return v
end

local function opt_integer(t, field, n, name, lo, hi, what)
  local v = t[field]
  if v == nil then return nil end
  if math_type(v) ~= "integer" and not (type(v) == "number" and v == math.floor(v)) or v < lo or v > hi then
    args.error(n, name, format("%s must be an integer from %d to %d, got %s", what or ("options." .. field), lo, hi,
      type(v) == "number" and tostring(v) or type(v)))
  end
  return math.tointeger(v)
end

local function check_qos(options, n, name)
  return opt_integer(options, "qos", n, name, 0, 2) or 0
end

-- "mqtt://host:port", "mqtts://host", "host", "[::1]:1883" -> host, port|nil, tls
local function parse_uri(uri)
  local scheme, rest = uri:match("^(%a[%w+.-]*)://(.*)$")
  local tls = false
  if scheme then
    scheme = scheme:lower()
    if scheme == "mqtts" or scheme == "ssl" or scheme == "tls" then
      tls = true
    elseif scheme ~= "mqtt" and scheme ~= "tcp" then
      return nil, "the scheme must be mqtt:// or mqtts://"
    end
  else
    rest = uri
  end
  rest = rest:gsub("/.*$", "")
  local host, port = rest:match("^%[([^%]]+)%]:?(%d*)$")
  if not host then host, port = rest:match("^([^:]+):?(%d*)$") end
  if not host or host == "" then return nil, "no host" end
  if port ~= "" then
    port = tonumber(port)
    if port < 1 or port > 65535 then return nil, "the port must be from 1 to 65535" end
  else
    port = nil
  end
  return host, port, tls
end

-- A certificate option: PEM text (as the HC3 takes it) is written to a
-- private temporary file for libmosquitto, which reads files; anything else
-- is a path.
local function cert_file(value, temps)
  if value == nil then return nil end
  if not value:find("-----BEGIN", 1, true) then return value end
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(value)
  f:close()
  temps[#temps + 1] = path
  return path
end

local Client = {}
Client.__index = Client
Client.__name = "mqtt.Client"

-- Methods work called with ':' (as QuickApps do) and with '.' (as the
-- HC3's manual writes them, client.addEventListener("message", fn)): each
-- client gets its own bound copies (see connect), which drop a leading
-- client argument.
local kMethods = { "addEventListener", "removeEventListener", "subscribe", "unsubscribe", "publish", "disconnect" }
local function method(f)
  return function(first, ...)
    if getmetatable(first) == Client then return f(first, ...) end
    args.raise("mqtt.Client: call methods on a client (client:method(...))")
  end
end
local function bind_methods(self)
  for _, name in ipairs(kMethods) do
    local f = Client[name]
    rawset(self, name, function(first, ...)
      if first == self then return f(self, ...) end
      return f(self, first, ...)
    end)
  end
end

-- Certificates written to temporary files are removed at exit at the latest.
local all_temps = {}
local exit_hook = false
local function remember_temps(temps)
  if not exit_hook and _PY and _PY.on_exit then
    exit_hook = true
    _PY.on_exit(function()
      for path in pairs(all_temps) do os.remove(path) end
    end)
  end
  for i = 1, #temps do all_temps[temps[i]] = true end
end

-- The topics of `topic_or_list` as a sequence of strings.
local function topic_list(value, n, name)
  if type(value) == "string" then
    if value == "" then args.error(n, name, "the topic is empty") end
    return { value }
  end
  if type(value) ~= "table" then args.error(n, name, "string or table of strings expected, got " .. type(value)) end
  if #value == 0 then args.error(n, name, "the list of topics is empty") end
  local list = {}
  for i = 1, #value do
    local t = value[i]
    if type(t) == "table" then t = t.topic or t[1] end  -- {topic = ..., qos = ...} entries: the topic
    if type(t) ~= "string" or t == "" then
      args.error(n, name, format("topic %d must be a non-empty string, got %s", i, type(t)))
    end
    list[i] = t
  end
  return list
end

local function opt_options(options, n, name)
  if options == nil then return {} end
  if type(options) ~= "table" then args.error(n, name, "table expected, got " .. type(options)) end
  return options
end

Client.addEventListener = method(function(self, name, fn)
  if type(name) ~= "string" then args.error(1, "addEventListener", "string expected, got " .. type(name)) end
  if kEvents[name] == nil then
    args.error(1, "addEventListener", format("unknown event '%s' (connected, closed, message, subscribed, " ..
      "unsubscribed, published, error)", name))
  end
  if type(fn) ~= "function" and not (getmetatable(fn) or {}).__call then
    args.error(2, "addEventListener", "function expected, got " .. type(fn))
  end
  local list = self._listeners[name]
  if not list then
    list = {}
    self._listeners[name] = list
    self._mask = self._mask | (1 << kEvents[name])
    self._handle:listen(self._mask)
  end
  list[#list + 1] = fn
end)

Client.removeEventListener = method(function(self, name, fn)
  local list = self._listeners[name]
  if not list then return end
  for i = #list, 1, -1 do
    if list[i] == fn then table.remove(list, i) end
  end
  if #list == 0 then
    self._listeners[name] = nil
    self._mask = self._mask & ~(1 << kEvents[name])
    self._handle:listen(self._mask)
  end
end)

-- client:subscribe(topic_or_list [, {qos = n}]) -> packetId | nil, message
Client.subscribe = method(function(self, topics, options)
  local list = topic_list(topics, 1, "subscribe")
  local qos = check_qos(opt_options(options, 2, "subscribe"), 2, "subscribe")
  return self._handle:subscribe(list, qos)
end)

-- client:unsubscribe(topic_or_list) -> packetId | nil, message
Client.unsubscribe = method(function(self, topics)
  return self._handle:unsubscribe(topic_list(topics, 1, "unsubscribe"))
end)

-- client:publish(topic, payload [, {qos = n, retain = b}]) -> packetId | nil, message
Client.publish = method(function(self, topic, payload, options)
  if type(topic) ~= "string" then args.error(1, "publish", "string expected, got " .. type(topic)) end
  if topic == "" then args.error(1, "publish", "the topic is empty") end
  if type(payload) == "number" then payload = tostring(payload) end
  if payload == nil then payload = "" end
  if type(payload) ~= "string" then args.error(2, "publish", "string expected, got " .. type(payload)) end
  options = opt_options(options, 3, "publish")
  local qos = check_qos(options, 3, "publish")
  local retain = opt_boolean(options, "retain", 3, "publish") or false
  return self._handle:publish(topic, payload, qos, retain)
end)

-- client:disconnect(): `closed` follows (as a task).
Client.disconnect = method(function(self)
  self._handle:disconnect()
end)

local Static = {}

-- mqtt.Client.connect(uri [, options]) -> client
function Static.connect(uri, options)
  if type(uri) ~= "string" then args.error(1, "connect", "string expected, got " .. type(uri)) end
  local host, port, tls = parse_uri(uri)
  if not host then args.error(1, "connect", format("bad URI '%s': %s", uri, port)) end
  options = opt_options(options, 2, "connect")
  local name = "connect"
  port = port or opt_integer(options, "port", 2, name, 1, 65535) or (tls and 8883 or 1883)
  local tls_options = options.tls
  if tls_options ~= nil and type(tls_options) ~= "table" then type_error(2, name, "options.tls", "a table", tls_options) end
  tls_options = tls_options or {}
  local function tls_field(field)
    local v = tls_options[field]
    if v == nil then v = options[field] end
    if v ~= nil and type(v) ~= "string" then type_error(2, name, "options.tls." .. field, "a string", v) end
    return v
  end
  local config = {
    host = host,
    port = port,
    tls = tls,
    clientId = opt_string(options, "clientId", 2, name),
    cleanSession = opt_boolean(options, "cleanSession", 2, name),
    keepAlivePeriod = opt_integer(options, "keepAlivePeriod", 2, name, 0, 65535) or 0,
    username = opt_string(options, "username", 2, name),
    password = opt_string(options, "password", 2, name),
  }
  if config.password ~= nil and config.username == nil then
    args.error(2, name, "options.password needs options.username")
  end
  if config.keepAlivePeriod > 0 and config.keepAlivePeriod < 5 then
    config.keepAlivePeriod = 5  -- libmosquitto's minimum
  end
  if config.cleanSession == false and config.clientId == nil then
    args.error(2, name, "options.cleanSession = false needs options.clientId")
  end
  local will = options.lastWill
  if will ~= nil then
    if type(will) ~= "table" then type_error(2, name, "options.lastWill", "a table", will) end
    if type(will.topic) ~= "string" or will.topic == "" then
      type_error(2, name, "options.lastWill.topic", "a non-empty string", will.topic)
    end
    local payload = will.payload
    if payload == nil then payload = will.message end
    if type(payload) == "number" then payload = tostring(payload) end
    if payload ~= nil and type(payload) ~= "string" then
      type_error(2, name, "options.lastWill.payload", "a string", payload)
    end
    config.willTopic = will.topic
    config.willPayload = payload or ""
    config.willQos = opt_integer(will, "qos", 2, name, 0, 2, "options.lastWill.qos") or 0
    if will.retain ~= nil and type(will.retain) ~= "boolean" then
      type_error(2, name, "options.lastWill.retain", "a boolean", will.retain)
    end
    config.willRetain = will.retain or false
  end
  local ca, cert, key = tls_field("certificateAuthority"), tls_field("clientCertificate"), tls_field("clientKey")
  local insecure = tls_options.allowUnauthorized
  if insecure == nil then insecure = options.allowUnauthorized end
  if insecure ~= nil and type(insecure) ~= "boolean" then
    type_error(2, name, "options.tls.allowUnauthorized", "a boolean", insecure)
  end
  if (cert == nil) ~= (key == nil) then
    args.error(2, name, "options.tls.clientCertificate and clientKey go together")
  end

  -- libmosquitto loads on the first connect; if it cannot, say so at the caller
  local loaded, why = pcall(native.load)
  if not loaded then args.raise((tostring(why):gsub("^%[plua%][^:]*:%d+: ", ""))) end
  local self = setmetatable({ _listeners = {}, _mask = 0, _temps = {} }, Client)
  if tls then
    config.ca = cert_file(ca, self._temps)
    config.cert = cert_file(cert, self._temps)
    config.key = cert_file(key, self._temps)
    config.verify = not insecure
    remember_temps(self._temps)
  end
  local listeners = self._listeners
  local function dispatch(event_name, event)
    local temps = self._temps
    if #temps > 0 and event_name ~= "message" then  -- libmosquitto has read them
      for i = 1, #temps do
        os.remove(temps[i])
        all_temps[temps[i]] = nil
      end
      self._temps = {}
    end
    local list = listeners[event_name]
    if list then
      for i = 1, #list do list[i](event) end
    end
  end
  self._handle = native.connect(config, dispatch)
  bind_methods(self)
  return self
end

M.Client = Static

return M
