-- A name that cannot resolve (.invalid never does, RFC 6761) calls error.
-- Written to stderr and matched loosely (.err): a resolver that cannot
-- answer at all times out instead of failing.
local t = require("lib.fetch")

t.run(function()
  local kind, message = t.fetch("http://nonexistent.invalid/", {timeout = 5000})
  io.stderr:write(kind, ": ", message, "\n")
  print("done")
end)
