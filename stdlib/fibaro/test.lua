-- require("plua.fibaro.test"): tests for QuickApps, from a busted spec
-- (`plua /usr/bin/busted spec/`) or any plain script. The clock turns
-- virtual when this loads: advance(3600) runs everything due in that hour
-- at once, in order, and a test takes milliseconds.
--
--   local qt = require("plua.fibaro.test")
--   local app = qt.install("weather.lua")      -- its files run, then onInit
--   qt.http.answer("GET", "https://api.example/now", { status = 200, data = '{"t":21}' })
--   qt.advance(3600)
--   assert(app:property("value") == 21)
--   app:press("refresh"); app:call("turnOn"); app:logged("turned on")
--   qt.reset()                                  -- after each test
--
-- QuickApps share the emulated controller as in a run with several
-- (fibaro.call between them works). Their log lines are kept per
-- QuickApp, not printed (qt.echo(true) prints them too). While the helper
-- is loaded every net.HTTPClient request is answered from qt.http, never
-- from the network: a request nobody answers gets its error callback.
local fibaro = require("plua.fibaro")
local quickapps = require("plua.fibaro.quickapps")
local fqa = require("plua.fibaro.fqa")
local model = require("plua.fibaro.model")
local log = require("plua.fibaro.log")
local environment = require("plua.fibaro.environment")
local core_clock = require("plua.clock")
local args = require("plua.args")

local M = {}
local installed = {} -- the Apps, in install order
local by_tag = {}    -- log tag -> App

core_clock.run_virtual()
log.echo = false
log.listeners[#log.listeners + 1] = function(record)
  local app = by_tag[record.tag]
  if app then app.logs[#app.logs + 1] = { level = record.type, text = record.message, time = record.timestamp } end
end

-- ---- time ------------------------------------------------------------------

-- Lets everything that is ready, or due now, run (the tasks it starts too).
local function settle()
  for _ = 1, 100000 do
    _PY.sleep(0)
    if _PY.stats().queued == 0 then
      local first = _PY.pending()[1]
      if not first or first.due_in_ms > 0 then return end
    end
  end
end

-- Runs everything due in the next `seconds` of virtual time, in order.
function M.advance(seconds)
  if type(seconds) ~= "number" or seconds ~= seconds or seconds < 0 then
    args.error(1, "advance", "seconds (a number >= 0) expected, got " .. tostring(seconds))
  end
  _PY.sleep(seconds)
  settle()
end

-- The clock reads `time` ("YYYY-MM-DD HH:MM:SS", "HH:MM", epoch seconds) now.
function M.set_time(time)
  local ok, message = core_clock.pin(time)
  if not ok then args.error(1, "set_time", message) end
end

function M.echo(on) log.echo = on and true or false end

-- ---- HTTP ------------------------------------------------------------------

-- qt.http.answer(method, url, response): requests with that method ("*":
-- any) and URL (exact, or without its query string) get `response`:
-- { status = 200, data = "...", headers = {...}, after = seconds } or
-- { error = "Operation timed out" }, or a function(request) returning one
-- (or nil: the next answer is tried). Later answers win.
-- qt.http.requests: every request made, { method, url, headers, data }.
local http = { requests = {}, answers = {} }
M.http = http

function http.answer(method, url, response)
  if type(method) ~= "string" then args.error(1, "http.answer", "method expected, got " .. type(method)) end
  if type(url) ~= "string" then args.error(2, "http.answer", "URL expected, got " .. type(url)) end
  local kind = type(response)
  if kind ~= "table" and kind ~= "function" then
    args.error(3, "http.answer", "response table or function expected, got " .. kind)
  end
  table.insert(http.answers, 1, { method = method:upper(), url = url, response = response })
end

function http.clear()
  http.requests, http.answers = {}, {}
end

local function find_answer(request)
  local bare = request.url:match("^([^?]*)")
  for _, a in ipairs(http.answers) do
    if (a.method == "*" or a.method == request.method) and (a.url == request.url or a.url == bare) then
      if type(a.response) ~= "function" then return a.response end
      local response = a.response(request)
      if response ~= nil then return response end
    end
  end
  return nil
end

local HTTPClient = {}
HTTPClient.__index = HTTPClient

function HTTPClient:request(url, spec)
  if type(url) ~= "string" then args.error(1, "request", "URL expected, got " .. type(url)) end
  spec = type(spec) == "table" and spec or {}
  local options = type(spec.options) == "table" and spec.options or {}
  local request = { method = (options.method or "GET"):upper(), url = url, headers = options.headers or {},
    data = options.data }
  http.requests[#http.requests + 1] = request
  local response = find_answer(request)
  local function deliver()
    if response == nil then
      if spec.error then spec.error(("no answer for %s %s (plua.fibaro.test: use qt.http.answer)")
        :format(request.method, url)) end
    elseif response.error then
      if spec.error then spec.error(response.error) end
    elseif spec.success then
      spec.success({ status = response.status or 200, data = response.data or "", headers = response.headers or {} })
    end
  end
  setTimeout(deliver, math.floor((response and response.after or 0) * 1000))
end

-- Once the controller's globals are there: every QuickApp's net.HTTPClient.
local faked = false
local function fake_http()
  if faked then return end
  faked = true
  _G.net.HTTPClient = function(options) return setmetatable({ options = options }, HTTPClient) end
end

-- ---- QuickApps -------------------------------------------------------------

local App = {}
App.__index = App

-- Installs QuickApp `file` (.lua with its headers, or .fqa) and starts it:
-- its files run, then onInit. `options`: { id = number } for an id other
-- than the next free one from 5555.
function M.install(file, options)
  if type(file) ~= "string" then args.error(1, "install", "file name expected, got " .. type(file)) end
  options = options or {}
  local config
  if file:match("%.fqa$") then
    config = quickapps.fqa_config(file)
  else
    local parsed, why = fqa.parse(file)
    if not parsed then
      if why:find("^cannot open") then args.raise("install: " .. why) end
      error(why, 0)
    end
    config = parsed
  end
  fibaro.prepare(config)
  fake_http()
  local id = fibaro.take_id(options.id or config.id, file)
  local qa = quickapps.build(config, id)
  local app = setmetatable({ id = id, name = qa.name, qa = qa, logs = {} }, App)
  by_tag[environment.tag_of(qa)] = app
  installed[#installed + 1] = app
  quickapps.load(qa, true)
  settle()
  return app
end

-- Stops and removes every QuickApp installed, forgets the HTTP answers
-- and requests: a clean controller for the next test.
function M.reset()
  for _, app in ipairs(installed) do app:remove() end
  installed, by_tag = {}, {}
  http.clear()
  settle()
end

-- The QuickApp object (self in its methods).
function App:object() return model.objects[self.id] end

function App:property(name) return model.devices[self.id].properties[name] end

function App:variable(name)
  for _, v in ipairs(model.devices[self.id].properties.quickAppVariables or {}) do
    if v.name == name then return v.value end
  end
  return nil
end

-- A UI element's property as updateView left it ("text" by default).
function App:view(element, property)
  local view = model.devices[self.id].view[element]
  return view and view[property or "text"]
end

-- fibaro.call(id, action, ...), then what it starts runs.
function App:call(action, ...)
  _G.fibaro.call(self.id, action, ...)
  settle()
end

-- A UI event as the HC3 sends it when the element is used.
function App:ui(element, event_type, ...)
  local _, status = _G.api.post("/plugins/callUIEvent",
    { deviceID = self.id, elementName = element, eventType = event_type, values = { ... } })
  if status ~= 200 then args.raise(("ui event %s on '%s': status %s"):format(event_type, element, tostring(status))) end
  settle()
end

function App:press(button) self:ui(button, "onReleased") end
function App:slide(slider, value) self:ui(slider, "onChanged", value) end
function App:toggle(switch, on) self:ui(switch, "onToggled", on and true or false) end
function App:select(element, ...) self:ui(element, "onToggled", ...) end

-- The first log line containing `text` (plain text, not a pattern), or
-- nil; `level` ("debug", "trace", "warning", "error") narrows it.
function App:logged(text, level)
  for _, line in ipairs(self.logs) do
    if (level == nil or line.level == level) and line.text:find(text, 1, true) then return line.text end
  end
  return nil
end

function App:remove()
  quickapps.stop(self.qa)
  for id, device in pairs(model.devices) do
    if id == self.id or device.parentId == self.id then model.remove_device(id) end
  end
  model.quickapps[self.id] = nil
end

return M
