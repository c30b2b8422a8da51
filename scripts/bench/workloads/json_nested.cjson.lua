-- json_nested on lua5.4 + lua-cjson (the reference row): see json_bench.lua.
local here = arg[0]:match("^(.*)/") or "."
dofile(here .. "/json_bench.lua")("nested", require("cjson"))
