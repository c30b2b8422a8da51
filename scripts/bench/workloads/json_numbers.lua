-- json_numbers on plua: see json_bench.lua.
local here = arg[0]:match("^(.*)/") or "."
dofile(here .. "/json_bench.lua")("numbers", require("json"))
