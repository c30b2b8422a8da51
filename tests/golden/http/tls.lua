-- HTTPS against a local openssl s_server with a self-signed certificate:
-- refused by default, accepted with checkCertificate = false.
local t = require("lib.fetch")
local url = "https://127.0.0.1:" .. assert(..., "port argument") .. "/"

t.run(function()
  local kind, message = t.fetch(url)
  print("checked", kind, (message:gsub("%d+/%)$", "PORT/)")))
  local kind2, r = t.fetch(url, {checkCertificate = false})
  print("unchecked", kind2, r.status, r.data:match("^<HTML>") ~= nil)
end)
