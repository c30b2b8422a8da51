-- plua.web: the Lua side of the web server (stdlib/web/web_service.*).
-- serve(host, port) starts it; the server hands every complete request to
-- handle(id, method, path, body) as a task, which answers through
-- native.respond; GET / lists the QuickApps, globals and events (index_page.lua), GET /qa/ID
-- is a QuickApp's page (qa_page.lua); every controller event goes to the WebSocket clients of
-- /api/events as JSON text. Only the HC3 API's router runs: a request chooses a
-- route, never code.
local native = require("plua.web.native")
local json = require("json")

local M = {}
local router

local function error_body(reason, message)
  return { type = "ERROR", reason = reason, message = message }
end

-- What the server answers for (method, path, body): JSON text, status.
local function answer(method, path, body)
  if utf8.len(path) == nil then
    return error_body("BadRequest", "the path is not UTF-8"), 400
  end
  if path:find("^/api[/?]") or path == "/api" then
    if body ~= nil and utf8.len(body) == nil then
      return error_body("BadRequest", "the body is not UTF-8"), 400
    end
    return router.dispatch(method, path, body, true) -- encoded at once, below
  end
  if path == "/" and method == "GET" then
    return require("plua.web.index_page"), 200, "html"
  end
  local page = path:match("^/qa/(%d+)$")
  if page and method == "GET" then
    local id = math.tointeger(tonumber(page))
    local model = require("plua.fibaro.model")
    if not (id and model.devices[id]) then
      return error_body("NotFound", "no such QuickApp: " .. page), 404
    end
    local qa = model.quickapp_of(id) -- a child's log is its QuickApp's
    local tag = json.encode(qa and require("plua.fibaro.environment").tag_of(qa) or "")
    local html = require("plua.web.qa_page"):gsub("DEVICE_ID", tostring(id)):gsub("QA_TAG", function() return tag end)
    return html, 200, "html"
  end
  return error_body("NotFound", "no such page: " .. path), 404
end

-- The answer as text: JSON (encoded here) or a page.
local function answer_text(method, path, body)
  local result, code, html = answer(method, path, body)
  if html then return result, code, html end
  if result == nil then return "", code or 204 end
  return json.encode(result), code or 200
end

local function answer_request(id, method, path, body)
  local ok, text, status, html = pcall(answer_text, method, path, body)
  if not ok then
    io.stderr:write("plua: web API: ", method, " request failed: ", tostring(text), "\n")
    text, status = json.encode(error_body("InternalServerError", "the request failed")), 500
  end
  native.respond(id, status, text, html ~= nil)
end

-- GET /api/refreshStates?last=N with nothing newer than N waits, as on the
-- HC3, until the controller logs an event (then every waiting one answers,
-- after the task that logged it) or kLongPollSeconds pass. A waiting request
-- does not keep the run alive.
local kLongPollSeconds = 30
local waiting = {} -- request id -> { path, timer }
local flush_queued = false

local function must_wait(method, path)
  if method ~= "GET" or not path:find("^/api/refreshStates") then return false end
  local clean, query = router.split(path)
  if clean ~= "/refreshStates" then return false end
  local last = math.tointeger(tonumber(query.last))
  return last ~= nil and last > 0 and last >= require("plua.fibaro.model").last_event
end

local function answer_waiting()
  flush_queued = false
  local now = waiting
  waiting = {}
  for id, w in pairs(now) do
    clearTimeout(w.timer)
    answer_request(id, "GET", w.path, nil)
  end
end

function M.handle(id, method, path, body)
  if not must_wait(method, path) then return answer_request(id, method, path, body) end
  native.hold(id)
  local timer = setTimeout(function()
    if waiting[id] then
      waiting[id] = nil
      answer_request(id, method, path, nil)
    end
  end, kLongPollSeconds * 1000)
  _PY.unref(timer)
  waiting[id] = { path = path, timer = timer }
end

-- Starts the server; a warning (and no server) when it cannot listen.
function M.serve(host, port)
  router = require("plua.fibaro.api.router")
  local ok, why = native.listen(host, port)
  io.stdout:flush()
  if not ok then
    io.stderr:write(string.format(
      "plua: warning: cannot serve the HC3 API on %s:%d (%s): the QuickApp runs without it (--api-port N, --no-api)\n",
      host, port, why))
    return false
  end
  -- Every controller event, to the WebSocket clients of /api/events. A
  -- hook runs inside the model's code: it never raises there.
  local model = require("plua.fibaro.model")
  model.on_emit[#model.on_emit + 1] = function(event)
    if next(waiting) and not flush_queued then
      flush_queued = true
      _PY.unref(setTimeout(answer_waiting, 0))
    end
    if native.clients() == 0 then return end
    local ok, text = pcall(json.encode, event)
    if ok then native.broadcast(text) end
  end
  -- Log lines too, for the pages (not an HC3 event: RefreshStateSubscriber
  -- and /refreshStates never see them), with the QuickApp that logged.
  local log, environment = require("plua.fibaro.log"), require("plua.fibaro.environment")
  log.listeners[#log.listeners + 1] = function(record)
    if native.clients() == 0 then return end
    local line = { id = record.id, timestamp = record.timestamp, type = record.type, tag = record.tag,
      message = record.message }
    for id, qa in pairs(model.quickapps) do
      if environment.tag_of(qa) == record.tag then line.deviceId = id end
    end
    local ok, text = pcall(json.encode, { type = "DebugMessageEvent", data = line, created = record.timestamp })
    if ok then native.broadcast(text) end
  end
  if host ~= "127.0.0.1" and host ~= "::1" and host:sub(1, 4) ~= "127." then
    io.stderr:write(string.format(
      "plua: warning: the HC3 API is exposed on %s:%d, beyond this machine (--api-host 127.0.0.1 keeps it local)\n",
      host, port))
  end
  return true
end

return M
