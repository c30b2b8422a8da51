--%%name:Http
--%%fullLua:true -- the test itself uses io, os.getenv or require
--%%time:2026-11-23 23:21:51
-- net.HTTPClient inside a QuickApp (http_quickapp.cmd starts the test
-- server): callbacks run as tasks, in the QuickApp's log, and the process
-- lives until the last response.
local base = "http://127.0.0.1:" .. os.getenv("HTTP_PORT")

function QuickApp:onInit()
  self:debug("net is", type(net), type(net.HTTPClient))
  local http = net.HTTPClient({ timeout = 2000 })
  http:request(base .. "/ok", {
    success = function(r) self:debug("ok", r.status, r.data) self:next(http) end,
    error = function(e) self:error("ok failed", e) end,
  })
  self:debug("request sent")
end

function QuickApp:next(http)
  http:request(base .. "/echo", {
    options = { method = "POST", headers = { ["Content-Type"] = "application/json" },
      data = json.encode({ value = 42 }) },
    success = function(r)
      self:debug("echo", r.status, r.data:match("content%-type=([^\n]*)"), r.data:match("{.*}"))
      http:request(base .. "/status/404", {
        success = function(r2) self:warning("not found", r2.status) end,
        error = function(e) self:error(e) end,
      })
    end,
    error = function(e) self:error("echo failed", e) end,
  })
end
