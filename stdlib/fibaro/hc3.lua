-- The link to a real HC3: its credentials and its REST API over plua's
-- HTTP client. HC3_URL, HC3_USER, HC3_PASSWORD, HC3_PIN come from the
-- environment, then .env in the working directory, then ~/.env (PLua's
-- order: header_env reads them). A request made from a task waits for its
-- answer without blocking the loop: the task is suspended while the
-- request runs, other tasks and timers go on. The password and PIN never
-- appear in what this module says: every message goes through mask().
local json = require("json")
local args = require("plua.args")
local tasks = require("plua.fibaro.tasks")
local header_env = require("plua.fibaro.header_env")

-- A request the HC3 has not answered after `timeout` ms fails
-- (PLUA_HC3_TIMEOUT, ms, for a slow box or a test).
local M = { timeout = math.tointeger(tonumber(os.getenv("PLUA_HC3_TIMEOUT") or "")) or 10000 }

local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(s)
  return (s:gsub("..?.?", function(chunk)
    local a, b, c = chunk:byte(1, 3)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local out = {}
    for i = 1, 4 do
      local k = (n >> (6 * (4 - i))) & 63
      out[i] = b64:sub(k + 1, k + 1)
    end
    if not b then out[3], out[4] = "=", "=" elseif not c then out[4] = "=" end
    return table.concat(out)
  end))
end
M.base64 = base64

local creds -- read once: { url, user, password, pin } (url without a trailing /)
function M.credentials()
  if creds == nil then
    local get = header_env.getenv
    local url = get("HC3_URL")
    -- "http://192.168.1.57/" or ".../api": the paths add /api themselves
    if url then url = url:gsub("/+$", ""):gsub("/api$", "") end
    creds = { url = url, user = get("HC3_USER"), password = get("HC3_PASSWORD"),
      pin = get("HC3_PIN") }
  end
  return creds
end

-- All three of HC3_URL, HC3_USER and HC3_PASSWORD are there.
function M.configured()
  local c = M.credentials()
  return c.url ~= nil and c.url ~= "" and c.user ~= nil and c.password ~= nil
end

local function plain_replace(text, secret, by)
  if not secret or secret == "" then return text end
  local out, at = {}, 1
  while true do
    local i, j = text:find(secret, at, true)
    if not i then break end
    out[#out + 1] = text:sub(at, i - 1)
    out[#out + 1] = by
    at = j + 1
  end
  out[#out + 1] = text:sub(at)
  return table.concat(out)
end

-- `text` with the password, the PIN, the Basic token and any user:password@
-- in a URL replaced by ***.
function M.mask(text)
  text = tostring(text)
  local c = M.credentials()
  if c.user and c.password then text = plain_replace(text, base64(c.user .. ":" .. c.password), "***") end
  text = plain_replace(text, c.password, "***")
  text = plain_replace(text, c.pin, "***")
  return (text:gsub("(//)[^/@%s]+@", "%1***@"))
end

-- The URL a path names on the HC3 (paths are /api/... or /...).
function M.url_of(path)
  if path:sub(1, 5) ~= "/api/" and path ~= "/api" then path = "/api" .. path end
  return M.credentials().url .. path
end

-- Runs start(done) and waits until done(...) is called (by a callback
-- that runs later as a task); returns what done got. The caller is
-- suspended meanwhile. Raises (at the script's line) when the caller
-- cannot be suspended; `what` names the request.
function M.await(what, start)
  if not coroutine.isyieldable() then
    args.raise(("%s: cannot wait for the HC3's answer here (called across a C boundary, e.g. in a metamethod "
      .. "or a table.sort comparator); call it from a task or use setTimeout"):format(what))
  end
  local waiter, result = {}, nil
  start(function(...)
    result = table.pack(...)
    tasks.resume(waiter)
  end)
  while result == nil do tasks.suspend(waiter) end
  return table.unpack(result, 1, result.n)
end

local client
local function http()
  client = client or require("plua.net").HTTPClient({ timeout = M.timeout })
  return client
end

-- Why a request failed, in words, naming the URL (never a secret).
local function failure(method, url, status, message)
  if status == 401 then
    return M.mask(("HC3 %s %s: 401 Unauthorized (check HC3_USER and HC3_PASSWORD)"):format(method, url))
  end
  local suffix = " (" .. url .. ")" -- libcurl's messages name it already
  if message:sub(-#suffix) == suffix then message = message:sub(1, -#suffix - 1) end
  return M.mask(("HC3 %s %s: %s"):format(method, url, message))
end

-- The HC3's restricted calls, which want the user's PIN: running scenes,
-- arming the alarm, changing the profile, a QuickApp's interfaces.
local restricted = { "^/api/scenes/%d+/execute", "^/api/scenes/%d+/kill", "^/api/alarms/v1/partitions.*/actions/",
  "^/api/profiles/activeProfile/", "^/api/plugins/interfaces" }
local function is_restricted(path)
  for _, pattern in ipairs(restricted) do
    if path:find(pattern) then return true end
  end
  return false
end

-- (method, path [, data [, pin]]) -> body, status, or nil, status, why,
-- kind (what failed, without the URL: "401", "404", "no answer: ...").
-- data is a table (sent as JSON) or a JSON text; `pin` sends the PIN
-- header (the restricted calls above get it anyway). status is 0 when
-- the HC3 gave no answer (refused, timed out, no credentials).
function M.request(method, path, data, pin)
  if not M.configured() then
    local why = "no HC3 configured: set HC3_URL, HC3_USER and HC3_PASSWORD (environment, ./.env or ~/.env)"
    return nil, 0, why, why
  end
  local c = M.credentials()
  local url = M.url_of(path)
  local headers = { Authorization = "Basic " .. base64(c.user .. ":" .. c.password), Accept = "application/json",
    ["X-Fibaro-Version"] = "2" }
  if c.pin and (pin or is_restricted(url:sub(#c.url + 1))) then headers["Fibaro-User-PIN"] = c.pin end
  local body
  if data ~= nil then
    local ok, encoded = true, data
    if type(data) ~= "string" then ok, encoded = pcall(json.encode, data) end
    if not ok then return nil, 400, ("HC3 %s %s: the body is not JSON: %s"):format(method, M.mask(url), encoded), "400" end
    body = encoded
    headers["Content-Type"] = "application/json"
  end
  local response, err = M.await(M.mask(method .. " " .. url), function(done)
    http():request(url, { options = { method = method, headers = headers, data = body, timeout = M.timeout },
      success = function(r) done(r) end,
      error = function(message) done(nil, message) end })
  end)
  if not response then
    local why = failure(method, url, 0, err)
    return nil, 0, why, "no answer: " .. (why:match("^HC3 %S+ %S+: (.*)$") or why)
  end
  local status, decoded = response.status, nil
  if response.data ~= nil and response.data ~= "" then
    local ok, value = pcall(json.decode, response.data)
    decoded = ok and value or response.data
  end
  if status >= 300 then
    local why = type(decoded) == "table" and decoded.message or ("status " .. status)
    return nil, status, failure(method, url, status, ("%d %s"):format(status, why)), tostring(status)
  end
  return decoded, status
end

return M
