-- Transport failures call error with "<what happened> (<url>)"; a timeout
-- names its limit: from the request, else from the client.
local net = require("plua.net")
local t = require("lib.fetch")

t.run(function()
  t.show("timeout", t.fetch("/slow", {timeout = 200}))
  local client = net.HTTPClient({timeout = 150})
  t.show("client timeout", t.fetch("/slow", nil, client))
  t.show("request beats client", t.fetch("/slow", {timeout = 100}, client))
  local closed = "http://127.0.0.1:" .. os.getenv("HTTP_CLOSED_PORT") .. "/"
  local kind, message = t.fetch(closed)
  print("refused", kind, (message:gsub(os.getenv("HTTP_CLOSED_PORT"), "CLOSED")))
  t.show("bad scheme", t.fetch("ftp://127.0.0.1/file"))
  t.show("bad url", t.fetch("http://"))
  t.show("ok afterwards", t.fetch("/ok"))
end)
