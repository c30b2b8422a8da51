-- api.get/post/put/delete(path [, data]) -> data, status: the HC3 REST API
-- over the emulated controller. As on the box, a request that fails (a
-- status of 300 or more) answers nil and the status: published QuickApps
-- test `if api.get("/globalVariables/X") then`. The resources live in
-- api/*.lua; router.dispatch gives the HTTP body of errors too (the REST
-- server answers with it).
local model = require("plua.fibaro.model")
local args = require("plua.args")
local router = require("plua.fibaro.api.router")
for _, resource in ipairs({ "devices", "plugins", "variables", "home", "alarms", "scenes", "quickapp", "events" }) do
  require("plua.fibaro.api." .. resource)
end

local online = require("plua.fibaro.online")

local api = {}

local function request(method, path, data)
  local name = "api." .. method:lower()
  if type(path) ~= "string" then args.error(1, name, "path string expected, got " .. type(path)) end
  if data ~= nil and type(data) ~= "table" and type(data) ~= "string" then
    args.error(2, name, "table or JSON string expected, got " .. type(data))
  end
  local body, status, remote
  if online.enabled then body, status, remote = online.route(method, path, data, router.dispatch) end
  if not remote then body, status = router.dispatch(method, path, data) end
  if model.trace then
    local shown = data ~= nil and " " .. model.describe(data) or ""
    local why = status >= 300 and type(body) == "table" and body.message and (": " .. body.message) or ""
    model.trace(("api.%s %s%s -> %d%s"):format(method:lower(), path, shown, status, why))
  end
  if status >= 300 then return nil, status end
  return body, status
end

function api.get(path) return request("GET", path) end
function api.post(path, data) return request("POST", path, data) end
function api.put(path, data) return request("PUT", path, data) end
function api.delete(path) return request("DELETE", path) end

-- api.hc3.*: always the real HC3 (online or not), never the local model.
local function hc3_request(method, path, data)
  local name = "api.hc3." .. method:lower()
  if type(path) ~= "string" then args.error(1, name, "path string expected, got " .. type(path)) end
  if data ~= nil and type(data) ~= "table" and type(data) ~= "string" then
    args.error(2, name, "table or JSON string expected, got " .. type(data))
  end
  local body, status = online.request(method, path, data)
  if model.trace then model.trace(("%s %s -> %d"):format(name, path, status)) end
  if status >= 300 then return nil, status end
  return body, status
end
api.hc3 = {
  get = function(path) return hc3_request("GET", path) end,
  post = function(path, data) return hc3_request("POST", path, data) end,
  put = function(path, data) return hc3_request("PUT", path, data) end,
  delete = function(path) return hc3_request("DELETE", path) end,
}

return api
