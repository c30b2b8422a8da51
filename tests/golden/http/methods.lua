-- Methods, request headers and bodies, as the server saw them (/echo).
local t = require("lib.fetch")

t.run(function()
  t.show("GET", t.fetch("/echo"))
  t.show("POST", t.fetch("/echo", {
    method = "POST",
    headers = {["Content-Type"] = "application/json", ["X-Test"] = "abc"},
    data = '{"on":true}',
  }))
  t.show("PUT", t.fetch("/echo", {method = "PUT", data = "new value", headers = {["X-Test"] = 42}}))
  t.show("DELETE", t.fetch("/echo", {method = "DELETE"}))
  t.show("PATCH", t.fetch("/echo", {method = "PATCH", data = ""}))
  t.show("lower-case post", t.fetch("/echo", {method = "post", data = "x"}))
  t.show("empty header", t.fetch("/echo", {headers = {["X-Test"] = ""}}))
  -- A body with every byte value and more than curl's 1 KB Expect threshold.
  local bytes = {}
  for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
  local body = table.concat(bytes):rep(8)
  local kind, r = t.fetch("/echo", {method = "POST", data = body})
  print("binary POST", kind, r.status, r.data:match("length=(%d+)"), r.data:sub(-#body) == body)
  local kind2, head = t.fetch("/ok", {method = "HEAD"})
  print("HEAD", kind2, head.status, #head.data, head.headers["content-length"])
end)
