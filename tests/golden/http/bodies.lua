-- A 1 MB body arrives whole; a redirect is followed to its target.
local t = require("lib.fetch")

t.run(function()
  local kind, r = t.fetch("/big")
  print("big", kind, r.status, #r.data, r.headers["content-length"], r.data:sub(1, 5), r.data:sub(-5))
  local expected = ("abcdefghijklmnopqrstuvwxyz"):rep(40330):sub(1, 1048576)
  print("big body intact", r.data == expected)
  kind, r = t.fetch("/redirect")
  print("redirect", kind, r.status, r.data, r.headers["x-test-server"], r.headers.location)
  kind, r = t.fetch("/redirect", {method = "HEAD"})
  print("redirect HEAD", kind, r.status, #r.data)
end)
