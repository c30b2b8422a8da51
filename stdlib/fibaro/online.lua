-- Online mode: with HC3 credentials and without -o/--offline or
-- --%%offline:true, the QuickApps of the run (their devices and their
-- children) stay in the local model and everything else is the real
-- HC3's: api.* requests about other things go to its REST API, and
-- fibaro.* reads and actions on other devices, globals, rooms, custom
-- events, alarms and scenes go through them. An HC3 that fails (refused,
-- 401, timeout, 5xx) is one error line naming the URL, once per kind of
-- failure; the request answers nil and the status (503 when nothing
-- answered) and the QuickApp goes on. A 404 is an answer, not a failure.
local model = require("plua.fibaro.model")
local hc3 = require("plua.fibaro.hc3")
local log = require("plua.fibaro.log")
local router = require("plua.fibaro.api.router")

local M = { enabled = false }

function M.setup(config)
  M.enabled = not config.offline and hc3.configured()
  if M.enabled and model.trace then model.trace("online: the HC3 at " .. hc3.mask(hc3.credentials().url)) end
  return M.enabled
end

-- A device of one of the run's QuickApps (or their children).
function M.is_local(id)
  id = math.tointeger(tonumber(id))
  return id ~= nil and model.devices[id] ~= nil and model.quickapp_of(id) ~= nil
end

-- A device the HC3 has (online and not the run's own).
function M.remote(id) return M.enabled and not M.is_local(id) end

local reported = {}
local function report(why, kind)
  kind = kind or why
  if reported[kind] then return end
  reported[kind] = true
  log.line("ERROR", "PLUA", why)
end

-- (method, path, data) on the HC3 -> body, status as api.* answers
-- (nil and the status for a failure, reported once).
function M.request(method, path, data, pin)
  local body, status, why, kind = hc3.request(method, path, data, pin)
  if why then
    if status == 0 or status == 401 or status == 403 or status >= 500 then report(why, kind) end
    return nil, status == 0 and 503 or status
  end
  return body, status
end

-- Does (method, path, data) stay in the local model? The run's own
-- devices, their plugin calls, files and variables, and plua's own log.
local function stays_local(path, data)
  local clean, query = router.split(path)
  local id = clean:match("^/devices/(-?%d+)") or clean:match("^/plugins/(%d+)/")
    or clean:match("^/plugins/removeChildDevice/(%d+)") or clean:match("^/quickApp/(%d+)/")
    or clean:match("^/quickApp/export/(%d+)")
  if id then return M.is_local(id) end
  if clean == "/callAction" then return M.is_local(query.deviceID or data.deviceID) end
  if clean:match("^/plugins/") then
    local target = data.deviceId or data.deviceID or data.parentId or query.deviceID or query.deviceId or data.id
    return target == nil or M.is_local(target)
  end
  return clean == "/debugMessages"
end

-- api.* online: nil when the local router answers, else body, status
-- from the HC3 (GET /devices lists both: the HC3's and the run's own).
function M.route(method, path, data, dispatch)
  local table_data = type(data) == "table" and data or {}
  if stays_local(path, table_data) then return nil end
  if method == "GET" and router.split(path) == "/devices" then
    local remote, status = M.request(method, path)
    if not remote then return nil, status, true end
    local seen, list = {}, {}
    for _, d in ipairs(remote) do
      seen[d.id] = true
      list[#list + 1] = d
    end
    for _, d in ipairs((dispatch("GET", path))) do
      if M.is_local(d.id) and not seen[d.id] then list[#list + 1] = d end
    end
    table.sort(list, function(a, b) return a.id < b.id end)
    return list, 200, true
  end
  local body, status = M.request(method, path, data)
  return body, status, true
end

-- ---- refreshStates from the HC3, for RefreshStateSubscriber ----

local polling = false

-- While has_subscribers(), long-polls the HC3's /refreshStates and hands
-- each event that came after the first answer to deliver(event). A failure
-- is reported once and ends the polling.
function M.follow_events(has_subscribers, deliver)
  if polling or not M.enabled then return end
  polling = true
  require("plua.fibaro.tasks").post(function()
    local last
    while has_subscribers() do
      local body = M.request("GET", "/refreshStates?last=" .. (last or 0))
      if type(body) ~= "table" then
        report("refreshStates from the HC3 stopped")
        break
      end
      if last ~= nil then
        for _, event in ipairs(type(body.events) == "table" and body.events or {}) do deliver(event) end
      end
      last = math.tointeger(body.last) or last or 0
    end
    polling = false
  end, "event")
end

return M
