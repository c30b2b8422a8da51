-- Every HTTP status goes to success (as on the HC3), with the body and the
-- headers under lower-cased names.
local t = require("lib.fetch")

t.run(function()
  local kind, r = t.fetch("/ok")
  print(kind, r.status, r.data, r.headers["x-test-server"], r.headers["content-length"], r.headers["X-Test-Server"])
  print(math.type(r.status), r.headers["content-type"])
  t.show("404", t.fetch("/status/404"))
  t.show("500", t.fetch("/status/500"))
  t.show("503", t.fetch("/status/503"))
  t.show("unknown path", t.fetch("/nowhere"))
  t.show("checkCertificate = false", t.fetch("/ok", {checkCertificate = false}))
  print("done")
end)
print("main chunk ends before any response")
