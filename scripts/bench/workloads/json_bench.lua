-- The json workloads' driver, shared by plua (require("json")) and the
-- reference lua5.4 + lua-cjson: builds one data set, encodes it ROUNDS
-- times, decodes the text ROUNDS times, each timed with os.clock (CPU
-- time, steadier than wall time on a shared machine). stdout: a checksum
-- both implementations agree on; stderr: encode_ms, decode_ms, bytes.
--   return dofile(".../json_bench.lua")(name, json)
local here = arg[0]:match("^(.*)/") or "."
local data = dofile(here .. "/json_data.lua")

return function(name, json)
  local set = data[name]
  local value = set.build()
  collectgarbage()
  collectgarbage()
  local text
  local t0 = os.clock()
  for _ = 1, set.rounds do text = json.encode(value) end
  local encode_s = os.clock() - t0
  collectgarbage()
  collectgarbage()
  local decoded
  t0 = os.clock()
  for _ = 1, set.rounds do decoded = json.decode(text) end
  local decode_s = os.clock() - t0
  io.stderr:write(string.format("encode_ms %.1f\ndecode_ms %.1f\nbytes %d\n", encode_s * 1000, decode_s * 1000, #text))
  print(set.checksum(decoded))
end
