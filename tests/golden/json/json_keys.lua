-- Object keys are sorted (byte order), so the text is the same on every
-- run; number keys are written as Lua's tostring writes them and sorted
-- with the strings; any other key type is an error.
local json = require("json")
print(json.encode({ b = 1, a = 2, B = 3, ab = 4, [""] = 5, ["é"] = 6 }))
print(json.encode({ 10, 20, x = 30 }))
print(json.encode({ [3] = "c", [10] = "j", [1.5] = "f", [-1] = "m" }))
print(json.encode({ [1] = "one", [3] = "three" }))
local big = {}
for i = 1, 50 do big["k" .. i] = i end
local first = json.encode(big)
local same = true
for _ = 1, 20 do
  local copy = {}
  for k, v in pairs(big) do copy[k] = v end
  if json.encode(copy) ~= first then same = false end
end
print(first:sub(1, 40), same)
print(pcall(json.encode, { [true] = 1 }))
print(pcall(json.encode, { [{}] = 1 }))
print(pcall(json.encode, { f = print }))
print(pcall(json.encode, coroutine.create(print)))
