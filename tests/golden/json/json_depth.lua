-- Nesting: up to 1000 levels each way; deeper is an error, never a C
-- stack overflow, however deep the text. Cycles are errors; the same table
-- twice (no cycle) is fine.
local json = require("json")
local function nest(n) local t = {} for _ = 1, n - 1 do t = { t } end return t end
print(#json.encode(nest(1000)), pcall(json.encode, nest(1001)))
print(type(json.decode(string.rep("[", 1000) .. string.rep("]", 1000))))
print(pcall(json.decode, string.rep("[", 1001) .. string.rep("]", 1001)))
print(pcall(json.decode, string.rep('{"a":', 100000)))
print(pcall(json.decode, string.rep("[", 1000000)))
local a, b = {}, {}
a.b, b.a = b, a
print(pcall(json.encode, a))
local list = { 1 }
list[2] = list
print(pcall(json.encode, list))
local shared = { x = 1 }
print(json.encode({ shared, shared, { y = shared } }))
