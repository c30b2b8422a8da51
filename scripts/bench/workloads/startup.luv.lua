-- startup: load luv and run an empty loop.
local uv = require("luv")
print("hello")
uv.run()
