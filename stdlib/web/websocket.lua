-- require("plua.websocket"): the HC3's net.WebSocketClient and
-- net.WebSocketClientTls (also require("plua.net").WebSocketClient), on
-- libwebsockets driven by plua's loop (web/ws_client.hpp). This half
-- checks arguments, keeps the listeners and speaks the HC3's names;
-- plua.websocket.native does the rest.
--
--   local ws = net.WebSocketClientTls()        -- {allowSelfSigned = true}: accept a self-signed certificate
--   ws:addEventListener("connected", function() ws:send("hello") end)
--   ws:addEventListener("dataReceived", function(data) print(data) end)
--   ws:addEventListener("error", function(message) print(message) end)
--   ws:addEventListener("disconnected", function() print("closed") end)
--   ws:connect("wss://example.com/socket", {Authorization = "Bearer ..."})
--
-- Every event is a task of its own, in the order the connection saw it.
-- The URL's scheme chooses TLS (ws:// or wss://), for both constructors.
-- send() sends a text frame when its data is UTF-8, else a binary one.

local native = require("plua.websocket.native")
local args = require("plua.args")

local format, type = string.format, type

local M = {}

local kEvents = { connected = true, disconnected = true, error = true, dataReceived = true }
local kEventList = "connected, disconnected, error, dataReceived"

local Client = {}
Client.__index = Client
Client.__name = "net.WebSocketClient"

-- Each client's own state ({listeners, handle, dispatch, allow_self_signed}),
-- out of the script's reach: the object itself is an empty table.
local state_of = setmetatable({}, { __mode = "k" })

local function is_callable(fn)
  return type(fn) == "function" or type((getmetatable(fn) or {}).__call) == "function"
end

local function check_client(self, name)
  local state = state_of[self]
  if state == nil then
    args.raise(format("net.WebSocketClient: call %s on a client (ws:%s(...))", name, name))
  end
  return state
end

-- "ws://host:port/path?q" -> {host, port, path, tls} | nil, why
local function parse_url(url)
  local scheme, rest = url:match("^(%a[%w+.-]*)://(.*)$")
  if not scheme then return nil, "it must start with ws:// or wss://" end
  scheme = scheme:lower()
  if scheme ~= "ws" and scheme ~= "wss" then return nil, "the scheme must be ws:// or wss://" end
  local authority, path = rest:match("^([^/?#]*)(.*)$")
  path = path:gsub("#.*$", "")
  if path == "" then path = "/" elseif path:sub(1, 1) == "?" then path = "/" .. path end
  if authority:find("@", 1, true) then return nil, "user names in the URL are not supported (use a header)" end
  local host, port = authority:match("^%[([^%]]+)%]:?(%d*)$")
  if not host then host, port = authority:match("^([^:]+):?(%d*)$") end
  if not host or host == "" then return nil, "no host" end
  if port ~= "" then
    port = tonumber(port)
    if port < 1 or port > 65535 then return nil, "the port must be from 1 to 65535" end
  else
    port = scheme == "wss" and 443 or 80
  end
  if path:find("[%c ]") then return nil, "the path has spaces or control characters" end
  return { host = host, port = math.tointeger(port), path = path, tls = scheme == "wss" }
end

-- {name = value, ...} -> {name1, value1, ...} in name order (a stable request)
local function header_list(headers)
  if headers == nil then return {} end
  if type(headers) ~= "table" then args.error(2, "connect", "table of headers expected, got " .. type(headers)) end
  local names = {}
  for name, value in pairs(headers) do
    if type(name) ~= "string" or not name:match("^[%w!#$%%&'*+.^_`|~-]+$") then
      args.error(2, "connect", format("header name %s is not a token", tostring(name)))
    end
    if type(value) == "number" then value = tostring(value) end
    if type(value) ~= "string" then
      args.error(2, "connect", format("header '%s' must be a string, got %s", name, type(value)))
    end
    if value:find("[\r\n%z]") then args.error(2, "connect", format("header '%s' has a line break", name)) end
    names[#names + 1] = name
  end
  table.sort(names)
  local list = {}
  for _, name in ipairs(names) do
    list[#list + 1] = name
    list[#list + 1] = tostring(headers[name])
  end
  return list
end

local function has_listeners(state)
  return next(state.listeners) ~= nil
end

-- The dispatch function of one client: runs its listeners for an event.
local function dispatcher(state)
  return function(name, text)
    local list = state.listeners[name]
    if not list then return end
    for i = 1, #list do
      if text == nil then list[i]() else list[i](text) end
    end
  end
end

-- ws:addEventListener(name, fn): several listeners per event run in order.
function Client:addEventListener(name, fn)
  local state = check_client(self, "addEventListener")
  if type(name) ~= "string" then args.error(1, "addEventListener", "string expected, got " .. type(name)) end
  if not kEvents[name] then
    args.error(1, "addEventListener", format("unknown event '%s' (%s)", name, kEventList))
  end
  if not is_callable(fn) then args.error(2, "addEventListener", "function expected, got " .. type(fn)) end
  local list = state.listeners[name]
  if not list then
    list = {}
    state.listeners[name] = list
  end
  list[#list + 1] = fn
  if state.handle then state.handle:listen(true) end
end

-- ws:removeEventListener(name [, fn]): fn, or every listener of `name`.
function Client:removeEventListener(name, fn)
  local state = check_client(self, "removeEventListener")
  local list = state.listeners[name]
  if not list then return end
  for i = #list, 1, -1 do
    if fn == nil or list[i] == fn then table.remove(list, i) end
  end
  if #list == 0 then state.listeners[name] = nil end
  if state.handle then state.handle:listen(has_listeners(state)) end
end

-- ws:connect(url [, headers]): `connected` or `error` follows.
function Client:connect(url, headers)
  local state = check_client(self, "connect")
  if type(url) ~= "string" then args.error(1, "connect", "string expected, got " .. type(url)) end
  local config, why = parse_url(url)
  if not config then args.error(1, "connect", format("bad URL '%s': %s", url, why)) end
  config.headers = header_list(headers)
  config.url = url
  config.allowSelfSigned = state.allow_self_signed
  if state.handle and state.handle:live() then
    native.notify(state.dispatch, "error", "already connected: close first")
    return
  end
  local loaded, load_error = pcall(native.load)
  if not loaded then args.raise((tostring(load_error):gsub("^%[plua%][^:]*:%d+: ", ""))) end
  state.handle = native.connect(config, state.dispatch)
  state.handle:listen(has_listeners(state))
end

-- ws:send(data) -> true, or false with an `error` event when not open.
function Client:send(data)
  local state = check_client(self, "send")
  if type(data) == "number" then data = tostring(data) end
  if type(data) ~= "string" then args.error(1, "send", "string expected, got " .. type(data)) end
  if state.handle and state.handle:send(data, utf8.len(data) == nil) then return true end
  native.notify(state.dispatch, "error", "not connected: call connect first and wait for 'connected'")
  return false
end

-- ws:isOpen(): connected and not closing.
function Client:isOpen()
  local state = check_client(self, "isOpen")
  return state.handle ~= nil and state.handle:is_open()
end

-- ws:close(): `disconnected` follows (after what send queued).
function Client:close()
  local state = check_client(self, "close")
  if state.handle then state.handle:close() end
end

function Client:__tostring()
  return format("net.WebSocketClient: %s", self:isOpen() and "open" or "not open")
end

local function new(options, name)
  if options ~= nil and type(options) ~= "table" then
    args.error(1, name, "table of options expected, got " .. type(options))
  end
  options = options or {}
  local self_signed = options.allowSelfSigned
  if self_signed ~= nil and type(self_signed) ~= "boolean" then
    args.error(1, name, "options.allowSelfSigned must be a boolean, got " .. type(self_signed))
  end
  local self = setmetatable({}, Client)
  local state = { listeners = {}, allow_self_signed = self_signed == true }
  state.dispatch = dispatcher(state)
  state_of[self] = state
  return self
end

-- net.WebSocketClient([options]) / net.WebSocketClientTls([options])
function M.WebSocketClient(options) return new(options, "WebSocketClient") end
function M.WebSocketClientTls(options) return new(options, "WebSocketClientTls") end

return M
