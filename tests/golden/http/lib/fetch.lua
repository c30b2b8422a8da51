-- Helpers for the tests/golden/http scripts (run by with_server.sh, which
-- sets HTTP_PORT to the test server's port).
local net = require("plua.net")

local M = {}
M.port = os.getenv("HTTP_PORT")
M.base = M.port and "http://127.0.0.1:" .. M.port
M.client = net.HTTPClient()

-- The URL for a path on the test server (full URLs pass through).
function M.url(path)
  if path:match("^%a+://") then return path end
  return assert(M.base, "HTTP_PORT is not set: run through with_server.sh") .. path
end

-- Messages name the URL, and so the port: make them stable.
function M.stable(text)
  return M.port and (text:gsub(M.port, "PORT")) or text
end

-- Inside M.run: requests `path` and waits for the outcome, returning
-- "success", response or "error", message.
function M.fetch(path, options, client)
  local co = coroutine.running()
  ;(client or M.client):request(M.url(path), {
    options = options,
    success = function(response) assert(coroutine.resume(co, "success", response)) end,
    error = function(message) assert(coroutine.resume(co, "error", message)) end,
  })
  return coroutine.yield()
end

-- Runs `body` in a coroutine of its own, so that M.fetch can wait (a
-- bare yield of the main chunk would only requeue it).
function M.run(body)
  local co = coroutine.create(body)
  assert(coroutine.resume(co))
end

-- One line describing an outcome.
function M.show(label, kind, value)
  if kind == "success" then
    print(label, value.status, value.data)
  else
    print(label, "error", M.stable(value))
  end
end

return M
