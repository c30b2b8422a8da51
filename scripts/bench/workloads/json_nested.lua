-- json_nested on plua: see json_bench.lua.
local here = arg[0]:match("^(.*)/") or "."
dofile(here .. "/json_bench.lua")("nested", require("json"))
