-- json_strings on lua5.4 + lua-cjson (the reference row): see json_bench.lua.
local here = arg[0]:match("^(.*)/") or "."
dofile(here .. "/json_bench.lua")("strings", require("cjson"))
