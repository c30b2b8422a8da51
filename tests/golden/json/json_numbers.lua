-- Numbers at the edges: integers stay Lua integers (all 64 bits, beyond
-- 2^53 too); a fraction or exponent makes a float; integers past 64 bits
-- become floats; floats print as the shortest text that reads back the
-- same; -0.0 survives; NaN and infinities cannot be encoded.
local json = require("json")
local function show(v)
  local text = json.encode(v)
  local back = json.decode(text)
  print(text, math.type(back), back == v, math.type(back) == math.type(v) or "subtype changed")
end
for _, v in ipairs({ 9007199254740993, -9007199254740993, math.maxinteger, math.mininteger, 0, -1 }) do show(v) end
for _, v in ipairs({ 1e308, -1e308, 5e-324, 2.2250738585072014e-308, 0.1, 0.1 + 0.2, 1 / 3, 123.456, 1e21, 1e-7, 2 ^ 63, 100.0, 21.5 }) do show(v) end
local z = json.decode(json.encode(-0.0))
print(json.encode(-0.0), math.type(z), 1 / z)
print(math.type(json.decode("-0")), 1 / json.decode("-0"), math.type(json.decode("0")))
print(json.decode("9223372036854775807"), json.decode("-9223372036854775808"), math.type(json.decode("-9223372036854775808")))
print(json.decode("9223372036854775808"), math.type(json.decode("9223372036854775808")))
print(json.decode("1E2"), json.decode("1e-2"), json.decode("-1.5e+3"), json.decode("1e400"), json.decode("-1e400"), json.decode("1e-400"))
print(pcall(json.encode, 0 / 0))
print(pcall(json.encode, { x = math.huge }))
print(pcall(json.encode, { -math.huge }))
for _, s in ipairs({ "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity" }) do print(s, pcall(json.decode, s)) end
